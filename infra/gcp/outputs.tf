output "scan_scope" {
  description = "What the functions assess."
  value       = local.scan_scope
}

output "assessor_service_account" {
  description = "Identity of the functions (roles/cloudasset.viewer and roles/iam.securityReviewer at the scope)."
  value       = google_service_account.assessor.email
}

output "functions" {
  description = "Function names."
  value       = { for k, f in google_cloudfunctions2_function.parapet : k => f.name }
}

output "topics" {
  description = "Topics: publish {\"scope\": \"...\"} to scan for a manual run; dead letters are kept on the *-keep subscriptions."
  value = {
    scan             = google_pubsub_topic.scan.id
    asset_feed       = google_pubsub_topic.feed.id
    scan_dead_letter = google_pubsub_topic.scan_dead_letter.id
    feed_dead_letter = google_pubsub_topic.feed_dead_letter.id
  }
}
