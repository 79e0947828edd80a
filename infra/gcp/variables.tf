variable "project_id" {
  description = "Project that hosts Parapet: functions, topics, scheduler job, secret."
  type        = string
}

variable "region" {
  description = "Region of the functions, the scheduler job and the function source bucket."
  type        = string
  default     = "europe-west1"
}

variable "scope_type" {
  description = "What Parapet assesses: organization, folder or project."
  type        = string
  default     = "project"
  validation {
    condition     = contains(["organization", "folder", "project"], var.scope_type)
    error_message = "scope_type must be organization, folder or project."
  }
}

variable "scope_id" {
  description = "Organization number, folder number, or project id to assess (the project id for scope_type project)."
  type        = string
}

variable "function_zip" {
  description = "Path of the zip holding target/deploy/parapet-functions-gcp.jar (docs/deploy-gcp.md)."
  type        = string
}

variable "store_url" {
  description = "Findings store URL, e.g. postgresql://parapet@10.0.0.5:5432/parapet?password=... Stored in Secret Manager only."
  type        = string
  sensitive   = true
}

variable "scan_schedule" {
  description = "Cron schedule (Cloud Scheduler syntax) of the full scan."
  type        = string
  default     = "0 */6 * * *"
}

variable "scan_time_zone" {
  description = "Time zone of scan_schedule."
  type        = string
  default     = "Etc/UTC"
}

variable "feed_asset_types" {
  description = "Asset types the real-time feeds watch (docs/resources-gcp.md)."
  type        = list(string)
  default = [
    "cloudresourcemanager.googleapis.com/Project",
    "iam.googleapis.com/ServiceAccountKey",
    "storage.googleapis.com/Bucket",
    "compute.googleapis.com/Firewall",
    "compute.googleapis.com/Network",
    "compute.googleapis.com/Subnetwork",
    "compute.googleapis.com/Instance",
    "compute.googleapis.com/Project",
    "sqladmin.googleapis.com/Instance",
    "container.googleapis.com/Cluster",
    "cloudkms.googleapis.com/CryptoKey",
    "bigquery.googleapis.com/Dataset",
    "bigquery.googleapis.com/Table",
    "dns.googleapis.com/ManagedZone",
    "apikeys.googleapis.com/Key",
    "logging.googleapis.com/LogSink",
    "logging.googleapis.com/LogMetric",
    "monitoring.googleapis.com/AlertPolicy",
  ]
}

variable "feed_policy_asset_types" {
  description = "Asset types whose IAM policy changes the IAM_POLICY feed watches."
  type        = list(string)
  default = [
    "cloudresourcemanager.googleapis.com/Project",
    "storage.googleapis.com/Bucket",
    "cloudkms.googleapis.com/CryptoKey",
    "bigquery.googleapis.com/Dataset",
  ]
}

variable "scan_memory" {
  description = "Memory of the scan function (it holds the scope's assets while assessing)."
  type        = string
  default     = "2Gi"
}

variable "feed_max_instances" {
  description = "Upper bound of feed function instances (each holds a store connection pool)."
  type        = number
  default     = 5
}

variable "max_delivery_attempts" {
  description = "Deliveries of one message before Pub/Sub moves it to the dead-letter topic (5 to 100)."
  type        = number
  default     = 5
}

variable "report_bucket" {
  description = "Existing Cloud Storage bucket the scan function publishes its scoring report to; empty for no reports."
  type        = string
  default     = ""
}

variable "report_prefix" {
  description = "Object name prefix of the reports in report_bucket, without leading or trailing \"/\"; the functions may write under it only."
  type        = string
  default     = "parapet/reports"
  validation {
    condition     = can(regex("^([A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*)?$", var.report_prefix))
    error_message = "report_prefix is a /-separated path without leading or trailing \"/\" (letters, digits, _ . -)."
  }
}
