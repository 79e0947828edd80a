// Read-only access for Parapet's identity on every subscription below a management group: Reader and Security
// Reader, nothing broader. Deploy with: az deployment mg create --management-group-id MG --location LOC
// --template-file infra/azure/management-group-readers.bicep --parameters principalId=<output principalId of main>
targetScope = 'managementGroup'

param principalId string

resource reader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(managementGroup().id, principalId, 'acdd72a7-3385-48ef-bd42-f606fba81ae7')
  properties: {
    roleDefinitionId: tenantResourceId('Microsoft.Authorization/roleDefinitions', 'acdd72a7-3385-48ef-bd42-f606fba81ae7') // Reader
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource securityReader 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(managementGroup().id, principalId, '39bc4728-0917-49c7-9d2c-d95b4e2d8e9d')
  properties: {
    roleDefinitionId: tenantResourceId('Microsoft.Authorization/roleDefinitions', '39bc4728-0917-49c7-9d2c-d95b4e2d8e9d') // Security Reader
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}
