// Resource Manager events of this resource group's subscription, delivered to Parapet's event function: successful
// writes and deletes only, deployment history, tags and locks filtered out before delivery, failures retried for a
// day and then dead-lettered to blob storage (nothing is dropped silently). Deploy this module into a resource group
// of every other subscription whose changes should be assessed within seconds.
targetScope = 'resourceGroup'

@description('Resource id of the event function: {function app id}/functions/resourceChanged')
param functionId string

@description('Storage account (in this resource group) that receives dead-lettered events.')
param deadLetterStorageName string
param deadLetterContainer string

@allowed(['EventGridSchema', 'CloudEventSchemaV1_0'])
param eventSchema string = 'EventGridSchema'

resource deadLetterStorage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: deadLetterStorageName
}

resource topic 'Microsoft.EventGrid/systemTopics@2022-06-15' = {
  name: 'parapet-${uniqueString(subscription().id)}'
  location: 'global'
  identity: { type: 'SystemAssigned' }
  properties: {
    source: subscription().id
    topicType: 'Microsoft.Resources.Subscriptions'
  }
}

// The topic's identity may only add blobs to the dead-letter storage.
resource deadLetterRole 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  scope: deadLetterStorage
  name: guid(deadLetterStorage.id, topic.id, 'ba92f5b4-2d11-453d-a403-e96b0029c9fe')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'ba92f5b4-2d11-453d-a403-e96b0029c9fe') // Storage Blob Data Contributor
    principalId: topic.identity.principalId
    principalType: 'ServicePrincipal'
  }
}

resource subscriptionToFunction 'Microsoft.EventGrid/systemTopics/eventSubscriptions@2022-06-15' = {
  parent: topic
  name: 'parapet-resource-changes'
  dependsOn: [deadLetterRole]
  properties: {
    destination: {
      endpointType: 'AzureFunction'
      properties: {
        resourceId: functionId
        maxEventsPerBatch: 1
        preferredBatchSizeInKilobytes: 64
      }
    }
    eventDeliverySchema: eventSchema
    filter: {
      includedEventTypes: [
        'Microsoft.Resources.ResourceWriteSuccess'
        'Microsoft.Resources.ResourceDeleteSuccess'
      ]
      enableAdvancedFilteringOnArrays: true
      advancedFilters: [
        {
          operatorType: 'StringNotBeginsWith'
          key: 'data.operationName'
          values: [
            'Microsoft.Resources/deployments/'
            'Microsoft.Resources/tags/'
            'Microsoft.Authorization/locks/'
            'Microsoft.Resources/deploymentScripts/'
          ]
        }
        {
          operatorType: 'StringIn'
          key: 'data.status'
          values: ['Succeeded']
        }
      ]
    }
    retryPolicy: {
      maxDeliveryAttempts: 30
      eventTimeToLiveInMinutes: 1440
    }
    deadLetterWithResourceIdentity: {
      identity: { type: 'SystemAssigned' }
      deadLetterDestination: {
        endpointType: 'StorageBlob'
        properties: {
          resourceId: deadLetterStorage.id
          blobContainerName: deadLetterContainer
        }
      }
    }
  }
}

output systemTopicName string = topic.name
