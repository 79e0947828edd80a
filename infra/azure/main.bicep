// Parapet on Azure: the function app (Java 17, Flex Consumption), its storage, Application Insights and Key Vault,
// read-only access to the subscription, and the Event Grid subscription that feeds resource writes and deletes.
// Deploy into a resource group of the subscription to assess: see docs/deploy-azure.md.
targetScope = 'resourceGroup'

@description('Short prefix for resource names (letters and digits).')
@minLength(3)
@maxLength(11)
param prefix string = 'parapet'

param location string = resourceGroup().location

@secure()
@description('Store URL (jdbc:postgresql://HOST:5432/DB?user=U&password=P&sslmode=require). Kept only in Key Vault.')
param storeUrl string

@description('NCRONTAB schedule of the full scan (six fields, UTC).')
param schedule string = '0 0 */6 * * *'

@description('Where the Reader and Security Reader roles go: this subscription, or a management group (then deploy management-group-readers.bicep too).')
@allowed(['subscription', 'managementGroup'])
param readerScope string = 'subscription'

@description('Comma-separated subscription ids to scan; empty: every subscription the identity can read.')
param subscriptions string = ''

@description('Comma-separated management group ids to scan (with readerScope managementGroup).')
param managementGroups string = ''

@description('Comma-separated object or application ids whose resource writes the event function ignores (deployment pipelines).')
param ignorePrincipals string = ''

@description('Create the Event Grid subscription; needs the function code deployed first (Event Grid checks the endpoint).')
param deployEvents bool = false

@allowed(['EventGridSchema', 'CloudEventSchemaV1_0'])
param eventSchema string = 'EventGridSchema'

var suffix = uniqueString(resourceGroup().id)
var appName = '${prefix}-${suffix}'
var packageContainer = 'app-package'
var deadLetterContainer = 'eventgrid-deadletter'
var eventFunction = 'resourceChanged'

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: toLower('${prefix}${suffix}')
  location: location
  kind: 'StorageV2'
  sku: { name: 'Standard_LRS' }
  properties: {
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
    allowBlobPublicAccess: false
    allowSharedKeyAccess: false
    defaultToOAuthAuthentication: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    deleteRetentionPolicy: { enabled: true, days: 7 }
  }
}

resource packages 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: packageContainer
}

resource deadLetters 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: deadLetterContainer
}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${appName}-logs'
  location: location
  properties: {
    sku: { name: 'PerGB2018' }
    retentionInDays: 30
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${appName}-insights'
  location: location
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    DisableLocalAuth: true
  }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: '${prefix}-kv-${take(suffix, 8)}'
  location: location
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
  }
}

resource storeUrlSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'parapet-store-url'
  properties: { value: storeUrl }
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${appName}-plan'
  location: location
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: appName
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    keyVaultReferenceIdentity: 'SystemAssigned'
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${packageContainer}'
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: { maximumInstanceCount: 10, instanceMemoryMB: 2048 }
      runtime: { name: 'java', version: '17' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'AzureWebJobsStorage__accountName', value: storage.name }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
        // C1-only JIT and the serial collector: about half the CPU of a cold start (docs/PERFORMANCE.md)
        { name: 'languageWorkers__java__arguments', value: '-XX:TieredStopAtLevel=1 -XX:+UseSerialGC' }
        { name: 'PARAPET_STORE_URL', value: '@Microsoft.KeyVault(SecretUri=${storeUrlSecret.properties.secretUri})' }
        { name: 'PARAPET_SCHEDULE', value: schedule }
        { name: 'PARAPET_SUBSCRIPTIONS', value: subscriptions }
        { name: 'PARAPET_MANAGEMENT_GROUPS', value: managementGroups }
        { name: 'PARAPET_IGNORE_PRINCIPALS', value: ignorePrincipals }
      ]
    }
  }
}

// The app's own identity, on its own resources only: package and host storage, the store URL secret, telemetry.
resource appStorageRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storage
  name: guid(storage.id, app.id, 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b7e6dc6d-f1e8-4753-8033-0f276bb0955b') // Storage Blob Data Owner
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appSecretRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: storeUrlSecret
  name: guid(storeUrlSecret.id, app.id, '4633458b-17de-408a-b874-0445c86b69e6')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '4633458b-17de-408a-b874-0445c86b69e6') // Key Vault Secrets User
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource appTelemetryRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: insights
  name: guid(insights.id, app.id, '3913510d-42f4-4e42-8a64-420c390055eb')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '3913510d-42f4-4e42-8a64-420c390055eb') // Monitoring Metrics Publisher
    principalId: app.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

module readers 'modules/subscription-readers.bicep' = if (readerScope == 'subscription') {
  name: 'parapet-readers'
  scope: subscription()
  params: { principalId: app.identity.principalId }
}

module events 'modules/resource-events.bicep' = if (deployEvents) {
  name: 'parapet-events'
  params: {
    functionId: '${app.id}/functions/${eventFunction}'
    deadLetterStorageName: storage.name
    deadLetterContainer: deadLetterContainer
    eventSchema: eventSchema
  }
}

output functionAppName string = app.name
output principalId string = app.identity.principalId
output vaultName string = vault.name
