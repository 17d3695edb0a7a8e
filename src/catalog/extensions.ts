/**
 * Extension facts as data with source and date (spec/current-facts.md §1.2, §2.4, §4, §7).
 * Lookups compare publisher and type without case.
 */

export interface ExtensionRow {
  publisher: string;
  type: string;
}

export interface ExtensionTable {
  source: string;
  date: string;
  rows: ExtensionRow[];
}

/** Extensions that support automatic extension upgrade (current list, "more are added periodically"). */
export const AUTO_UPGRADE_EXTENSIONS: ExtensionTable = {
  source: 'S3 https://learn.microsoft.com/azure/virtual-machines/automatic-extension-upgrade#supported-extensions',
  date: '2023-11-07',
  rows: [
    { publisher: 'Microsoft.Azure.Automation.HybridWorker', type: 'HybridWorkerForLinux' },
    { publisher: 'Microsoft.Azure.Automation.HybridWorker', type: 'HybridWorkerForWindows' },
    { publisher: 'Microsoft.Azure.AzureDefenderForSQL', type: 'AdvancedThreatProtection.Windows' },
    { publisher: 'Microsoft.Azure.AzureDefenderForSQL', type: 'VulnerabilityAssessment.Windows' },
    { publisher: 'Microsoft.Azure.AzureDefenderForServers', type: 'MDE.Linux' },
    { publisher: 'Microsoft.Azure.AzureDefenderForServers', type: 'MDE.Windows' },
    { publisher: 'Microsoft.Azure.ChangeTrackingAndInventory', type: 'ChangeTracking-Linux' },
    { publisher: 'Microsoft.Azure.ChangeTrackingAndInventory', type: 'ChangeTracking-Windows' },
    { publisher: 'Microsoft.Azure.Diagnostics', type: 'LinuxDiagnostic' },
    { publisher: 'Microsoft.Azure.Extensions.Edp', type: 'LinuxHibernateTestExtension' },
    { publisher: 'Microsoft.Azure.Extensions.Edp', type: 'WindowsHibernateTestExtension' },
    { publisher: 'Microsoft.Azure.FleetDiagnostics', type: 'FleetDiagnosticsForWindows' },
    { publisher: 'Microsoft.Azure.Geneva', type: 'GenevaMonitoring' },
    { publisher: 'Microsoft.Azure.KeyVault', type: 'KeyVaultForLinux' },
    { publisher: 'Microsoft.Azure.KeyVault', type: 'KeyVaultForWindows' },
    { publisher: 'Microsoft.Azure.Labservices', type: 'Agent.Linux' },
    { publisher: 'Microsoft.Azure.Labservices', type: 'Agent.Windows' },
    { publisher: 'Microsoft.Azure.Monitor', type: 'AzureMonitorLinuxAgent' },
    { publisher: 'Microsoft.Azure.Monitor', type: 'AzureMonitorWindowsAgent' },
    { publisher: 'Microsoft.Azure.Monitoring.DependencyAgent.EDP', type: 'DependencyAgentLinux' },
    { publisher: 'Microsoft.Azure.Monitoring.DependencyAgent.EDP', type: 'DependencyAgentWindows' },
    { publisher: 'Microsoft.Azure.Monitoring.DependencyAgent', type: 'DependencyAgentLinux' },
    { publisher: 'Microsoft.Azure.Monitoring.DependencyAgent', type: 'DependencyAgentWindows' },
    { publisher: 'Microsoft.Azure.NetworkWatcher', type: 'NetworkWatcherAgentLinux' },
    { publisher: 'Microsoft.Azure.NetworkWatcher', type: 'NetworkWatcherAgentWindows' },
    { publisher: 'Microsoft.Azure.Networking.DNS', type: 'DNSClientCache' },
    { publisher: 'Microsoft.Azure.SCOMMI', type: 'GatewayServer' },
    { publisher: 'Microsoft.Azure.SCOMMI', type: 'WindowsAgent' },
    { publisher: 'Microsoft.Azure.Security.AntimalwareSignature', type: 'AntimalwareConfiguration' },
    { publisher: 'Microsoft.Azure.Security.Dsms', type: 'DSMSForWindows' },
    { publisher: 'Microsoft.Azure.Security.LinuxAttestation', type: 'GuestAttestation' },
    { publisher: 'Microsoft.Azure.Security.Monitoring', type: 'AzureSecurityLinuxAgent' },
    { publisher: 'Microsoft.Azure.Security.Monitoring', type: 'AzureSecurityWindowsAgent' },
    { publisher: 'Microsoft.Azure.Security.WindowsAttestation', type: 'GuestAttestation' },
    { publisher: 'Microsoft.Azure.Security.WindowsCodeIntegrity', type: 'CodeIntegrityAgent' },
    { publisher: 'Microsoft.Azure.ServiceFabric', type: 'ServiceFabricLinuxNode' },
    { publisher: 'Microsoft.Azure.Watson', type: 'WatsonLinuxAgent' },
    { publisher: 'Microsoft.Azure.Workloads', type: 'MonitoringExtensionLinux' },
    { publisher: 'Microsoft.Azure.Workloads', type: 'MonitoringExtensionWindows' },
    { publisher: 'Microsoft.CPlat.Core', type: 'LinuxHibernateExtension' },
    { publisher: 'Microsoft.CPlat.Core', type: 'WindowsHibernateExtension' },
    { publisher: 'Microsoft.CPlat.ProxyAgent', type: 'ProxyAgentLinux' },
    { publisher: 'Microsoft.CPlat.ProxyAgent', type: 'ProxyAgentWindows' },
    { publisher: 'Microsoft.EnterpriseCloud.Monitoring', type: 'MicrosoftMonitoringAgent' },
    { publisher: 'Microsoft.EnterpriseCloud.Monitoring', type: 'OmsAgentForLinux' },
    { publisher: 'Microsoft.GuestConfiguration', type: 'ConfigurationForLinux' },
    { publisher: 'Microsoft.GuestConfiguration', type: 'ConfigurationForWindows' },
    { publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthLinux' },
    { publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthWindows' },
    { publisher: 'Microsoft.OSTCExtensions', type: 'DSCForLinux' },
    { publisher: 'Microsoft.Sentinel.AzureMonitorAgentExtensions', type: 'MicrosoftDnsAgent' },
    { publisher: 'Microsoft.SqlServer.Management', type: 'SqlIaaSAgent' },
    { publisher: 'Microsoft.SqlServer.Management', type: 'SqlIaaSAgentLinux' },
  ],
};

/** The 2021 list of the seed documents (EU1). */
export const AUTO_UPGRADE_EXTENSIONS_2021: ExtensionTable = {
  source: 'seed 002 (automatic extension upgrade, 2021 edition)',
  date: '2021',
  rows: [
    { publisher: 'Microsoft.Azure.Monitoring.DependencyAgent', type: 'DependencyAgentLinux' },
    { publisher: 'Microsoft.Azure.Monitoring.DependencyAgent', type: 'DependencyAgentWindows' },
    { publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthLinux' },
    { publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthWindows' },
    { publisher: 'Microsoft.GuestConfiguration', type: 'ConfigurationForLinux' },
    { publisher: 'Microsoft.GuestConfiguration', type: 'ConfigurationForWindows' },
    { publisher: 'Microsoft.Azure.KeyVault', type: 'KeyVaultForLinux' },
    { publisher: 'Microsoft.Azure.KeyVault', type: 'KeyVaultForWindows' },
  ],
};

/** Installed and updated by the platform for AutomaticByPlatform (GP13). */
export const PLATFORM_PATCH_EXTENSIONS: ExtensionTable = {
  source: 'S1 https://learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching',
  date: '2024-07-31',
  rows: [
    { publisher: 'Microsoft.CPlat.Core', type: 'LinuxPatchExtension' },
    { publisher: 'Microsoft.CPlat.Core', type: 'WindowsPatchExtension' },
  ],
};

export const APPLICATION_HEALTH_EXTENSIONS: ExtensionTable = {
  source: 'S7 https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-health-extension',
  date: '2026-05-19',
  rows: [
    { publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthLinux' },
    { publisher: 'Microsoft.ManagedServices', type: 'ApplicationHealthWindows' },
  ],
};

export const SERVICE_FABRIC_EXTENSIONS: ExtensionTable = {
  source: 'S2 https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-automatic-upgrade#service-fabric-requirements',
  date: '2026-05-19',
  rows: [
    { publisher: 'Microsoft.Azure.ServiceFabric', type: 'ServiceFabricNode' },
    { publisher: 'Microsoft.Azure.ServiceFabric', type: 'ServiceFabricLinuxNode' },
  ],
};

const indexes = new Map<ExtensionTable, Set<string>>();

export function tableHasExtension(table: ExtensionTable, publisher: string, type: string): boolean {
  let index = indexes.get(table);
  if (!index) {
    index = new Set(table.rows.map((row) => `${row.publisher}|${row.type}`.toLowerCase()));
    indexes.set(table, index);
  }
  return index.has(`${publisher}|${type}`.toLowerCase());
}

export function supportsAutomaticUpgrade(publisher: string, type: string): boolean {
  return tableHasExtension(AUTO_UPGRADE_EXTENSIONS, publisher, type) || tableHasExtension(AUTO_UPGRADE_EXTENSIONS_2021, publisher, type);
}

export function isPlatformPatchExtension(publisher: string, type: string): boolean {
  return tableHasExtension(PLATFORM_PATCH_EXTENSIONS, publisher, type);
}

export function isApplicationHealthExtension(publisher: string, type: string): boolean {
  return tableHasExtension(APPLICATION_HEALTH_EXTENSIONS, publisher, type);
}

export function isServiceFabricExtension(publisher: string, type: string): boolean {
  return tableHasExtension(SERVICE_FABRIC_EXTENSIONS, publisher, type);
}
