/**
 * Deterministic stand-ins for deployment-time values. Identifiers (subscription, resource group)
 * get readable placeholders so resource ids built with resourceId() stay comparable inside one
 * template; values that matter to rules and cannot be known (locations, tags) are Unknown.
 */
import { TEMPLATE_DEPLOYMENT } from '../model/source.js';
import { Unknown } from './unknown.js';

export interface DeploymentTarget {
  subscriptionId: string;
  resourceGroupName: string;
  tenantId: string;
  /** `resourceGroup().location`; Unknown unless the user tells us (`--location`). */
  location: string | Unknown;
  deploymentName: string;
}

export const DEFAULT_TARGET: DeploymentTarget = {
  ...TEMPLATE_DEPLOYMENT,
  tenantId: '00000000-0000-0000-0000-000000000000',
  location: new Unknown('resourceGroup().location', 'the resource group location is known only at deployment'),
  deploymentName: 'deployment',
};

export function resourceGroupObject(target: DeploymentTarget): Record<string, unknown> {
  return {
    id: `/subscriptions/${target.subscriptionId}/resourceGroups/${target.resourceGroupName}`,
    name: target.resourceGroupName,
    type: 'Microsoft.Resources/resourceGroups',
    location: target.location,
    managedBy: new Unknown('resourceGroup().managedBy', 'known only at deployment'),
    tags: new Unknown('resourceGroup().tags', 'known only at deployment'),
    properties: { provisioningState: 'Succeeded' },
  };
}

export function subscriptionObject(target: DeploymentTarget): Record<string, unknown> {
  return {
    id: `/subscriptions/${target.subscriptionId}`,
    subscriptionId: target.subscriptionId,
    tenantId: target.tenantId,
    displayName: new Unknown('subscription().displayName', 'known only at deployment'),
  };
}

export function tenantObject(target: DeploymentTarget): Record<string, unknown> {
  return {
    id: `/tenants/${target.tenantId}`,
    tenantId: target.tenantId,
    countryCode: new Unknown('tenant().countryCode', 'known only at deployment'),
    displayName: new Unknown('tenant().displayName', 'known only at deployment'),
  };
}

/** `environment()` of the Azure public cloud (AzureCloud). */
export function azureCloudEnvironment(): Record<string, unknown> {
  return {
    name: 'AzureCloud',
    gallery: 'https://gallery.azure.com/',
    graph: 'https://graph.windows.net/',
    portal: 'https://portal.azure.com',
    graphAudience: 'https://graph.windows.net/',
    activeDirectoryDataLake: 'https://datalake.azure.net/',
    batch: 'https://batch.core.windows.net/',
    media: 'https://rest.media.azure.net',
    sqlManagement: 'https://management.core.windows.net:8443/',
    vmImageAliasDoc: 'https://raw.githubusercontent.com/Azure/azure-rest-api-specs/master/arm-compute/quickstart-templates/aliases.json',
    resourceManager: 'https://management.azure.com/',
    authentication: {
      loginEndpoint: 'https://login.microsoftonline.com/',
      audiences: ['https://management.core.windows.net/', 'https://management.azure.com/'],
      tenant: 'common',
      identityProvider: 'AAD',
    },
    suffixes: {
      acrLoginServer: '.azurecr.io',
      azureDatalakeAnalyticsCatalogAndJob: 'azuredatalakeanalytics.net',
      azureDatalakeStoreFileSystem: 'azuredatalakestore.net',
      azureFrontDoorEndpointSuffix: 'azurefd.net',
      keyvaultDns: '.vault.azure.net',
      sqlServerHostname: '.database.windows.net',
      storage: 'core.windows.net',
    },
  };
}
