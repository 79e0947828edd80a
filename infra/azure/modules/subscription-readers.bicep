// Read-only access for Parapet's identity on the whole subscription: Reader (ARM and Resource Graph) and Security
// Reader (Defender pricings and settings). Nothing that can write.
targetScope = 'subscription'

param principalId string

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7') // Reader
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource securityReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, principalId, '39bc4728-0917-49c7-9d2c-d95b4e2d8e9d')
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '39bc4728-0917-49c7-9d2c-d95b4e2d8e9d') // Security Reader
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
