# Parapet on Google Cloud: a scheduled full scan and a real-time asset feed, both Cloud Functions (2nd gen, Java 17)
# triggered through Pub/Sub by Eventarc, writing to the central findings store. See docs/deploy-gcp.md.

data "google_project" "host" {
  project_id = var.project_id
}

locals {
  scan_scope = {
    organization = "organizations/${var.scope_id}"
    folder       = "folders/${var.scope_id}"
    project      = "projects/${var.scope_id}"
  }[var.scope_type]
  pubsub_agent     = "serviceAccount:service-${data.google_project.host.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
  cloudasset_agent = "serviceAccount:service-${data.google_project.host.number}@gcp-sa-cloudasset.iam.gserviceaccount.com"
  functions = {
    scan = {
      entry_point   = "dev.parapet.gcp.function.ScanFunction"
      topic         = google_pubsub_topic.scan.id
      dead_letter   = google_pubsub_topic.scan_dead_letter.id
      memory        = var.scan_memory
      timeout       = 540
      max_instances = 1
      jvm_options   = ""
    }
    asset-feed = {
      entry_point   = "dev.parapet.gcp.function.AssetFeedFunction"
      topic         = google_pubsub_topic.feed.id
      dead_letter   = google_pubsub_topic.feed_dead_letter.id
      memory        = "1Gi"
      timeout       = 120
      max_instances = var.feed_max_instances
      # short invocations: C1 only and the serial collector start faster (docs/PERFORMANCE.md)
      jvm_options = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
    }
  }
}

resource "google_project_service" "apis" {
  for_each = toset([
    "cloudasset.googleapis.com",
    "cloudbuild.googleapis.com",
    "cloudfunctions.googleapis.com",
    "cloudscheduler.googleapis.com",
    "eventarc.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com",
    "secretmanager.googleapis.com",
    "artifactregistry.googleapis.com",
  ])
  service            = each.value
  disable_on_destroy = false
}

# --- identities -------------------------------------------------------------------------------------------------

# The functions' identity: reads inventory and IAM policies at the scope, nothing broader.
resource "google_service_account" "assessor" {
  account_id   = "parapet-assessor"
  display_name = "Parapet assessor (Cloud Asset read, IAM security review)"
}

# Eventarc's identity for pushing Pub/Sub messages to the functions.
resource "google_service_account" "trigger" {
  account_id   = "parapet-trigger"
  display_name = "Parapet Eventarc trigger (invokes the functions)"
}

resource "google_organization_iam_member" "assessor" {
  for_each = var.scope_type == "organization" ? toset(["roles/cloudasset.viewer", "roles/iam.securityReviewer"]) : toset([])
  org_id   = var.scope_id
  role     = each.value
  member   = google_service_account.assessor.member
}

resource "google_folder_iam_member" "assessor" {
  for_each = var.scope_type == "folder" ? toset(["roles/cloudasset.viewer", "roles/iam.securityReviewer"]) : toset([])
  folder   = "folders/${var.scope_id}"
  role     = each.value
  member   = google_service_account.assessor.member
}

resource "google_project_iam_member" "assessor" {
  for_each = var.scope_type == "project" ? toset(["roles/cloudasset.viewer", "roles/iam.securityReviewer"]) : toset([])
  project  = var.scope_id
  role     = each.value
  member   = google_service_account.assessor.member
}

# --- secret -----------------------------------------------------------------------------------------------------

resource "google_secret_manager_secret" "store_url" {
  secret_id = "parapet-store-url"
  replication {
    auto {}
  }
  depends_on = [google_project_service.apis]
}

resource "google_secret_manager_secret_version" "store_url" {
  secret      = google_secret_manager_secret.store_url.id
  secret_data = var.store_url
}

# Read access to this one secret only.
resource "google_secret_manager_secret_iam_member" "assessor" {
  secret_id = google_secret_manager_secret.store_url.id
  role      = "roles/secretmanager.secretAccessor"
  member    = google_service_account.assessor.member
}

# --- reports ----------------------------------------------------------------------------------------------------

# The scan function publishes its scoring report to report_bucket under report_prefix (docs/REPORTS.md): object
# creation on that bucket only, and with a prefix only under it (an IAM condition: the bucket must use uniform
# bucket-level access).
locals {
  report_objects = "projects/_/buckets/${var.report_bucket}/objects/${var.report_prefix}/"
}

# Replacing an object (the latest/ copies) also needs storage.objects.delete, which objectCreator lacks.
resource "google_project_iam_custom_role" "report_replace" {
  count       = var.report_bucket == "" ? 0 : 1
  role_id     = "parapetReportReplace"
  title       = "Parapet report replace"
  description = "Replace Parapet's own report objects (the latest copies)."
  permissions = ["storage.objects.delete"]
}

resource "google_storage_bucket_iam_member" "report_writer" {
  for_each = var.report_bucket == "" ? tomap({}) : tomap({
    create  = "roles/storage.objectCreator"
    replace = google_project_iam_custom_role.report_replace[0].id
  })
  bucket = var.report_bucket
  role   = each.value
  member = google_service_account.assessor.member
  dynamic "condition" {
    for_each = var.report_prefix == "" ? [] : [1]
    content {
      title      = "parapet-report-prefix"
      expression = "resource.name.startsWith(\"${local.report_objects}\")"
    }
  }
}

# --- Pub/Sub ----------------------------------------------------------------------------------------------------

resource "google_pubsub_topic" "scan" {
  name       = "parapet-scan"
  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "feed" {
  name       = "parapet-asset-feed"
  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "scan_dead_letter" {
  name       = "parapet-scan-dead-letter"
  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "feed_dead_letter" {
  name       = "parapet-asset-feed-dead-letter"
  depends_on = [google_project_service.apis]
}

# Dead letters are kept for an operator (7 days) on these subscriptions.
resource "google_pubsub_subscription" "scan_dead_letter" {
  name                       = "parapet-scan-dead-letter-keep"
  topic                      = google_pubsub_topic.scan_dead_letter.id
  message_retention_duration = "604800s"
  expiration_policy {
    ttl = ""
  }
}

resource "google_pubsub_subscription" "feed_dead_letter" {
  name                       = "parapet-asset-feed-dead-letter-keep"
  topic                      = google_pubsub_topic.feed_dead_letter.id
  message_retention_duration = "604800s"
  expiration_policy {
    ttl = ""
  }
}

# Pub/Sub's own agent forwards undeliverable messages to the dead-letter topics.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = {
    scan       = google_pubsub_topic.scan_dead_letter.id
    asset-feed = google_pubsub_topic.feed_dead_letter.id
  }
  topic  = each.value
  role   = "roles/pubsub.publisher"
  member = local.pubsub_agent
}

# --- functions --------------------------------------------------------------------------------------------------

resource "google_storage_bucket" "source" {
  name                        = "${var.project_id}-parapet-source"
  location                    = var.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  depends_on                  = [google_project_service.apis]
}

resource "google_storage_bucket_object" "source" {
  name   = "parapet-functions-gcp-${filemd5(var.function_zip)}.zip"
  bucket = google_storage_bucket.source.name
  source = var.function_zip
}

resource "google_cloudfunctions2_function" "parapet" {
  for_each    = local.functions
  name        = "parapet-${each.key}"
  location    = var.region
  description = "Parapet ${each.key}"

  build_config {
    runtime     = "java17"
    entry_point = each.value.entry_point
    source {
      storage_source {
        bucket = google_storage_bucket.source.name
        object = google_storage_bucket_object.source.name
      }
    }
  }

  service_config {
    available_memory                 = each.value.memory
    timeout_seconds                  = each.value.timeout
    max_instance_count               = each.value.max_instances
    max_instance_request_concurrency = 1
    ingress_settings                 = "ALLOW_INTERNAL_ONLY"
    service_account_email            = google_service_account.assessor.email
    environment_variables = {
      PARAPET_SCOPE         = local.scan_scope
      JAVA_TOOL_OPTIONS     = each.value.jvm_options
      PARAPET_REPORT_BUCKET = var.report_bucket
      PARAPET_REPORT_PREFIX = var.report_prefix
    }
    secret_environment_variables {
      key        = "PARAPET_STORE_URL"
      project_id = var.project_id
      secret     = google_secret_manager_secret.store_url.secret_id
      version    = "latest"
    }
  }

  event_trigger {
    trigger_region        = var.region
    event_type            = "google.cloud.pubsub.topic.v1.messagePublished"
    pubsub_topic          = each.value.topic
    retry_policy          = "RETRY_POLICY_RETRY"
    service_account_email = google_service_account.trigger.email
  }

  depends_on = [google_secret_manager_secret_iam_member.assessor, google_secret_manager_secret_version.store_url]
}

resource "google_cloud_run_service_iam_member" "trigger_invokes" {
  for_each = google_cloudfunctions2_function.parapet
  location = each.value.location
  service  = each.value.name
  role     = "roles/run.invoker"
  member   = google_service_account.trigger.member
}

# Eventarc creates the push subscription of each trigger and exposes no dead-letter setting; this attaches the
# dead-letter topic to it (and lets Pub/Sub's agent acknowledge what it forwards) with gcloud, once per trigger.
resource "terraform_data" "dead_letter_policy" {
  for_each         = google_cloudfunctions2_function.parapet
  triggers_replace = [each.value.event_trigger[0].trigger, local.functions[each.key].dead_letter]

  provisioner "local-exec" {
    interpreter = ["bash", "-c"]
    command     = <<-EOT
      set -euo pipefail
      sub=$(gcloud eventarc triggers describe "${each.value.event_trigger[0].trigger}" \
        --format='value(transport.pubsub.subscription)')
      gcloud pubsub subscriptions update "$sub" --project "${var.project_id}" \
        --dead-letter-topic "${local.functions[each.key].dead_letter}" \
        --max-delivery-attempts ${var.max_delivery_attempts} \
        --min-retry-delay 10s --max-retry-delay 600s
      gcloud pubsub subscriptions add-iam-policy-binding "$sub" --project "${var.project_id}" \
        --member "${local.pubsub_agent}" --role roles/pubsub.subscriber
    EOT
  }
}

# --- schedule ---------------------------------------------------------------------------------------------------

resource "google_cloud_scheduler_job" "scan" {
  name      = "parapet-scan"
  region    = var.region
  schedule  = var.scan_schedule
  time_zone = var.scan_time_zone
  pubsub_target {
    topic_name = google_pubsub_topic.scan.id
    data       = base64encode(jsonencode({ scope = local.scan_scope }))
  }
  depends_on = [google_project_service.apis]
}

# --- real-time asset feeds (one per content type: RESOURCE and IAM_POLICY) --------------------------------------

locals {
  feeds = {
    resources = { content_type = "RESOURCE", asset_types = var.feed_asset_types }
    policies  = { content_type = "IAM_POLICY", asset_types = var.feed_policy_asset_types }
  }
}

resource "google_pubsub_topic_iam_member" "cloudasset_publishes" {
  topic  = google_pubsub_topic.feed.id
  role   = "roles/pubsub.publisher"
  member = local.cloudasset_agent
}

resource "google_cloud_asset_organization_feed" "parapet" {
  for_each        = var.scope_type == "organization" ? local.feeds : {}
  billing_project = var.project_id
  org_id          = var.scope_id
  feed_id         = "parapet-${each.key}"
  content_type    = each.value.content_type
  asset_types     = each.value.asset_types
  feed_output_config {
    pubsub_destination {
      topic = google_pubsub_topic.feed.id
    }
  }
  depends_on = [google_pubsub_topic_iam_member.cloudasset_publishes]
}

resource "google_cloud_asset_folder_feed" "parapet" {
  for_each        = var.scope_type == "folder" ? local.feeds : {}
  billing_project = var.project_id
  folder          = var.scope_id
  feed_id         = "parapet-${each.key}"
  content_type    = each.value.content_type
  asset_types     = each.value.asset_types
  feed_output_config {
    pubsub_destination {
      topic = google_pubsub_topic.feed.id
    }
  }
  depends_on = [google_pubsub_topic_iam_member.cloudasset_publishes]
}

resource "google_cloud_asset_project_feed" "parapet" {
  for_each     = var.scope_type == "project" ? local.feeds : {}
  project      = var.scope_id
  feed_id      = "parapet-${each.key}"
  content_type = each.value.content_type
  asset_types  = each.value.asset_types
  feed_output_config {
    pubsub_destination {
      topic = google_pubsub_topic.feed.id
    }
  }
  depends_on = [google_pubsub_topic_iam_member.cloudasset_publishes]
}
