/**
 * Supported images per feature, as data with source and date (spec/current-facts.md §2).
 * Matching is by exact publisher, offer and sku, compared without case as Azure does.
 */

export interface ImageRef {
  publisher: string;
  offer?: string;
  sku?: string;
}

export interface ImageRow {
  publisher: string;
  offer: string;
  skus: string[];
}

export interface ImageTable {
  /** Source key of current-facts.md §0 and the page. */
  source: string;
  /** Date of the page the table was read from. */
  date: string;
  rows: ImageRow[];
}

/** Automatic VM guest patching (AutomaticByPlatform), current list. */
export const GUEST_PATCHING_IMAGES: ImageTable = {
  source: 'S1 https://learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching#supported-os-images',
  date: '2024-07-31',
  rows: [
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2025-datacenter-azure-edition'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2025-datacenter-azure-edition-core'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2025-datacenter-azure-edition-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2025-datacenter-azure-edition-core-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-datacenter-azure-edition-core-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-datacenter-azure-edition-core'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-datacenter-azure-edition-hotpatch'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-datacenter-azure-edition-hotpatch-smalldisk'] },
    { publisher: 'Center-for-Internet-Security-Inc', offer: 'cis-windows-server-2019-v1-0-0-l2', skus: ['cis-ws2019-l2'] },
    {
      publisher: 'Center-for-Internet-Security-Inc',
      offer: 'cis-windows-server',
      skus: ['cis-windows-server2019-l1-gen1', 'cis-windows-server2022-l1-gen1', 'cis-windows-server2022-l1-gen2', 'cis-windows-server2022-l2-gen2'],
    },
    { publisher: 'Center-for-Internet-Security-Inc', offer: 'cis-windows-server-2022-l2', skus: ['cis-windows-server-2022-l2-gen2'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2008-R2-SP1'] },
    {
      publisher: 'MicrosoftWindowsServer',
      offer: 'WindowsServer',
      skus: ['2012-R2-Datacenter', '2012-R2-Datacenter-gensecond', '2012-R2-Datacenter-smalldisk', '2012-R2-Datacenter-smalldisk-g2'],
    },
    {
      publisher: 'MicrosoftWindowsServer',
      offer: 'WindowsServer',
      skus: ['2016-Datacenter', '2016-datacenter-gensecond', '2016-Datacenter-Server-Core', '2016-datacenter-smalldisk', '2016-datacenter-with-containers'],
    },
    {
      publisher: 'MicrosoftWindowsServer',
      offer: 'WindowsServer',
      skus: [
        '2019-Datacenter',
        '2019-Datacenter-Core',
        '2019-datacenter-gensecond',
        '2019-datacenter-smalldisk',
        '2019-datacenter-smalldisk-g2',
        '2019-datacenter-with-containers',
      ],
    },
    {
      publisher: 'MicrosoftWindowsServer',
      offer: 'WindowsServer',
      skus: [
        '2022-datacenter',
        '2022-datacenter-azure-edition',
        '2022-datacenter-azure-edition-core',
        '2022-datacenter-azure-edition-core-smalldisk',
        '2022-datacenter-azure-edition-hotpatch',
        '2022-datacenter-azure-edition-hotpatch-smalldisk',
        '2022-datacenter-azure-edition-smalldisk',
        '2022-datacenter-core',
        '2022-datacenter-core-g2',
        '2022-datacenter-g2',
        '2022-datacenter-smalldisk',
        '2022-datacenter-smalldisk-g2',
      ],
    },
    {
      publisher: 'MicrosoftWindowsServer',
      offer: 'WindowsServer',
      skus: [
        '2025-datacenter-azure-edition',
        '2025-datacenter-azure-edition-core',
        '2025-datacenter-azure-edition-core-smalldisk',
        '2025-datacenter-azure-edition-smalldisk',
        '2025-datacenter',
        '2025-datacenter-core',
        '2025-datacenter-core-smalldisk',
        '2025-datacenter-smalldisk',
      ],
    },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServerHotpatch-previews', skus: ['windows-server-2022-azure-edition-hotpatch'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'MicrosoftServerOperatingSystems-previews', skus: ['windows-server-2025-azure-edition-hotpatch'] },
    {
      publisher: 'AlmaLinux',
      offer: 'almalinux-hpc',
      skus: ['8-hpc-gen2', '8_5-hpc', '8_5-hpc-gen2', '8_6-hpc', '8_6-hpc-gen2', '8_7-hpc-gen1', '8_7-hpc-gen2', '8_10-hpc-gen1', '8_10-hpc-gen2'],
    },
    { publisher: 'Canonical', offer: 'UbuntuServer', skus: ['16.04-LTS', '16.04.0-LTS', '18.04-LTS', '18_04-LTS-arm64', '18_04-LTS-gen2'] },
    { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', skus: ['cvm', 'server', 'server-arm64', 'server-gen1', 'ubuntu-pro', 'ubuntu-pro-cvm'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-confidential-vm-focal', skus: ['20_04-lts-cvm'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-confidential-vm-jammy', skus: ['22_04-lts-cvm'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-pro-bionic', skus: ['pro-18_04-lts'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-pro-focal', skus: ['pro-20_04-lts', 'pro-20_04-lts-gen2'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-pro-jammy', skus: ['pro-22_04-lts-gen2'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-server-focal', skus: ['20_04-lts', '20_04-lts-arm64', '20_04-lts-gen2'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', skus: ['22_04-lts', '22_04-lts-arm64', '22_04-lts-gen2'] },
    { publisher: 'Center-for-Internet-Security-Inc', offer: 'cis-rhel-7-v2-2-0-l1', skus: ['cis-redhat7-l1'] },
    {
      publisher: 'Center-for-Internet-Security-Inc',
      offer: 'cis-rhel',
      skus: ['cis-redhat7-l2-gen1', 'cis-redhat8-l1-gen1', 'cis-redhat8-l1-gen2', 'cis-redhat8-l2-gen1', 'cis-redhat9-l1-gen2', 'cis-redhat9-l2-gen2'],
    },
    { publisher: 'Center-for-Internet-Security-Inc', offer: 'cis-ubuntu-linux-2004-l1', skus: ['cis-ubuntu-linux-2004-l1'] },
    { publisher: 'Center-for-Internet-Security-Inc', offer: 'cis-ubuntu-linux-2204-l1', skus: ['cis-ubuntu-linux-2204-l1'] },
    {
      publisher: 'Center-for-Internet-Security-Inc',
      offer: 'cis-ubuntu',
      skus: ['cis-ubuntulinux2004-l1-gen1', 'cis-ubuntulinux2204-l1-gen2', 'cis-ubuntulinux2404-l1-gen1', 'cis-ubuntulinux2404-l1-gen2'],
    },
    { publisher: 'MicrosoftCblMariner', offer: 'azure-linux-3', skus: ['azure-linux-3-gen2'] },
    {
      publisher: 'MicrosoftCblMariner',
      offer: 'cbl-mariner',
      skus: ['cbl-mariner-1', '1-gen2', 'cbl-mariner-2', 'cbl-mariner-2-arm64', 'cbl-mariner-2-gen2', 'cbl-mariner-2-gen2-fips'],
    },
    { publisher: 'Microsoft-AKS', offer: 'aks', skus: ['aks-engine-ubuntu-1804-202112'] },
    { publisher: 'Microsoft-DSVM', offer: 'aml-workstation', skus: ['ubuntu-20', 'ubuntu-20-gen2'] },
    { publisher: 'Microsoft-DSVM', offer: 'ubuntu-hpc', skus: ['1804', '1804-ncv4', '2004', '2004-preview-ndv5', '2204', '2204-preview-ndv5'] },
    {
      publisher: 'Redhat',
      offer: 'RHEL',
      skus: [
        '7.2',
        '7.3',
        '7.4',
        '7.5',
        '7.6',
        '7.7',
        '7.8',
        '7_9',
        '7-lvm',
        '7-raw',
        '8',
        '8.1',
        '81gen2',
        '8.2',
        '82gen2',
        '8_3',
        '83-gen2',
        '8_4',
        '84-gen2',
        '8_5',
        '85-gen2',
        '8_6',
        '86-gen2',
        '8_7',
        '8_8',
        '8_10',
        '8-lvm',
        '8-lvm-gen2',
        '9_0',
        '9_1',
        '9_2',
        '9_3',
        '9_4',
        '9-lvm',
        '9-lvm-gen2',
      ],
    },
    { publisher: 'Redhat', offer: 'RHEL-RAW', skus: ['8-raw', '8-raw-gen2'] },
    { publisher: 'Redhat', offer: 'RHEL-ARM64', skus: ['8_6-arm64', '9_0-arm64', '9_1-arm64'] },
    { publisher: 'Redhat', offer: 'RHEL-SAP-APPS', skus: ['86sapapps-gen2', '88sapapps-gen2'] },
    { publisher: 'Redhat', offer: 'RHEL-SAP-HA', skus: ['86sapha-gen2', '88sapha-gen2'] },
    { publisher: 'SUSE', offer: 'sles-12-sp5', skus: ['gen1', 'gen2'] },
    { publisher: 'SUSE', offer: 'sles-15-sp2', skus: ['gen1', 'gen2'] },
    { publisher: 'SUSE', offer: 'sles-sap-15-sp4', skus: ['gen2'] },
    { publisher: 'SUSE', offer: 'sles-sap-15-sp5', skus: ['gen2'] },
  ],
};

/** The 2021 list of the seed documents (GP7), kept for the rule docs and for comparison. */
export const GUEST_PATCHING_IMAGES_2021: ImageTable = {
  source: 'S1-old https://learn.microsoft.com/azure/virtual-machines/automatic-vm-guest-patching (2021 edition)',
  date: '2021-10-18',
  rows: [
    { publisher: 'Canonical', offer: 'UbuntuServer', skus: ['18.04-LTS'] },
    { publisher: 'RedHat', offer: 'RHEL', skus: ['7.2', '7.3', '7.4', '7.5', '7.6', '7.7', '7.8', '7_9', '7-RAW', '7-LVM'] },
    {
      publisher: 'MicrosoftWindowsServer',
      offer: 'WindowsServer',
      skus: ['2012-R2-Datacenter', '2016-Datacenter', '2016-Datacenter-Server-Core', '2019-Datacenter', '2019-Datacenter-Core'],
    },
  ],
};

/** Automatic OS image upgrade for scale sets: platform images (current list). */
export const AUTO_OS_UPGRADE_IMAGES: ImageTable = {
  source: 'S2 https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-automatic-upgrade#supported-os-images',
  date: '2026-05-19',
  rows: [
    { publisher: 'Canonical', offer: '0001-com-ubuntu-server-focal', skus: ['20_04-LTS'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-server-focal', skus: ['20_04-LTS-Gen2'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-server-focal', skus: ['20_04-LTS-arm64'] },
    { publisher: 'Canonical', offer: 'ubuntu-24_04-lts', skus: ['server-arm64'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', skus: ['22_04-LTS'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', skus: ['22_04-LTS-arm64'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', skus: ['22_04-LTS-Gen2'] },
    { publisher: 'Canonical', offer: '0001-com-ubuntu-pro-microsoft', skus: ['pro-fips-20_04-Gen2'] },
    { publisher: 'MicrosoftCblMariner', offer: 'Cbl-Mariner', skus: ['cbl-mariner-2'] },
    { publisher: 'MicrosoftCblMariner', offer: 'Cbl-Mariner', skus: ['cbl-mariner-2-arm64'] },
    { publisher: 'MicrosoftCblMariner', offer: 'Cbl-Mariner', skus: ['cbl-mariner-2-Gen2'] },
    { publisher: 'MicrosoftCblMariner', offer: 'Cbl-Mariner', skus: ['cbl-mariner-2-fips'] },
    { publisher: 'MicrosoftCblMariner', offer: 'Cbl-Mariner', skus: ['cbl-mariner-2-Gen2-fips'] },
    { publisher: 'MicrosoftCblMariner', offer: 'Azure-Linux', skus: ['azure-linux-Gen2'] },
    { publisher: 'MicrosoftCblMariner', offer: 'Azure-Linux', skus: ['azure-linux-3'] },
    { publisher: 'MicrosoftCblMariner', offer: 'Azure-Linux', skus: ['azure-linux-arm64'] },
    { publisher: 'MicrosoftSqlServer', offer: 'SQL2017-ws2019', skus: ['enterprise'] },
    { publisher: 'MicrosoftSqlServer', offer: 'SQL2019-ws2022', skus: ['enterprise'] },
    { publisher: 'MicrosoftSqlServer', offer: 'SQL2022-ws2022', skus: ['enterprise-Gen2'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2012-R2-Datacenter'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2016-Datacenter'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2016-Datacenter-gensecond'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2016-Datacenter-gs'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2016-Datacenter-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2016-Datacenter-with-Containers'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2016-Datacenter-with-containers-gs'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2019-Datacenter'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2019-Datacenter-Core'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2019-Datacenter-Core-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2019-Datacenter-Core-with-Containers'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2019-Datacenter-gensecond'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2019-Datacenter-gs'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2019-Datacenter-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2019-Datacenter-with-Containers'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2019-Datacenter-with-Containers-gs'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-azure-edition'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-azure-edition-core'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-azure-edition-core-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-core'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-core-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-g2'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-smalldisk-g2'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['Datacenter-core-20h2-with-containers-smalldisk-gs'] },
  ],
};

/** The 2020 list of the seed documents (OU6). */
export const AUTO_OS_UPGRADE_IMAGES_2020: ImageTable = {
  source: 'S2-old https://learn.microsoft.com/azure/virtual-machine-scale-sets/virtual-machine-scale-sets-automatic-upgrade (2019-2020 edition)',
  date: '2019-01-31',
  rows: [
    { publisher: 'Canonical', offer: 'UbuntuServer', skus: ['16.04-LTS', '18.04-LTS'] },
    { publisher: 'OpenLogic', offer: 'CentOS', skus: ['7.5'] },
    { publisher: 'CoreOS', offer: 'CoreOS', skus: ['Stable'] },
    {
      publisher: 'MicrosoftWindowsServer',
      offer: 'WindowsServer',
      skus: [
        '2012-R2-Datacenter',
        '2016-Datacenter',
        '2016-Datacenter-Smalldisk',
        '2016-Datacenter-with-Containers',
        '2019-Datacenter',
        '2019-Datacenter-Smalldisk',
        '2019-Datacenter-with-Containers',
        'Datacenter-Core-1903-with-Containers-smalldisk',
      ],
    },
  ],
};

/** Hotpatch images for Azure VMs (current list; the 2021 list had the four 2022 skus only, HP1). */
export const HOTPATCH_IMAGES: ImageTable = {
  source: 'S17c https://learn.microsoft.com/windows-server/get-started/hotpatch',
  date: '2026-11-01',
  rows: [
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-Azure-Edition-Core'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-Azure-Edition-Core-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-Azure-Edition-Hotpatch'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2022-Datacenter-Azure-Edition-Hotpatch-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2025-Datacenter-Azure-Edition'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2025-Datacenter-Azure-Edition-smalldisk'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2025-Datacenter-Azure-Edition-Core'] },
    { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', skus: ['2025-Datacenter-Azure-Edition-Core-smalldisk'] },
  ],
};

function indexTable(table: ImageTable): Set<string> {
  const keys = new Set<string>();
  for (const row of table.rows) for (const sku of row.skus) keys.add(key(row.publisher, row.offer, sku));
  return keys;
}

function key(publisher: string, offer: string, sku: string): string {
  return `${publisher}|${offer}|${sku}`.toLowerCase();
}

const indexes = new Map<ImageTable, Set<string>>();

/** True when the table lists the exact publisher/offer/sku (without regard to case). */
export function tableHasImage(table: ImageTable, image: { publisher: string; offer: string; sku: string }): boolean {
  let index = indexes.get(table);
  if (!index) {
    index = indexTable(table);
    indexes.set(table, index);
  }
  return index.has(key(image.publisher, image.offer, image.sku));
}

export function isGuestPatchingSupportedImage(image: { publisher: string; offer: string; sku: string }): boolean {
  return tableHasImage(GUEST_PATCHING_IMAGES, image);
}

export function isAutoOsUpgradeSupportedImage(image: { publisher: string; offer: string; sku: string }): boolean {
  return tableHasImage(AUTO_OS_UPGRADE_IMAGES, image);
}

export function isHotpatchImage(image: { publisher: string; offer: string; sku: string }): boolean {
  return tableHasImage(HOTPATCH_IMAGES, image);
}

/** What an image id (`imageReference.id`, `sharedGalleryImageId`, `communityGalleryImageId`) names. */
export type ImageIdKind = 'gallery' | 'managed-image' | 'unknown';

/** An Azure Compute Gallery image (private, shared or community gallery), a managed image, or neither. */
export function imageKindOfId(id: string): ImageIdKind {
  const value = id.toLowerCase();
  if (value.includes('/galleries/') || value.startsWith('/sharedgalleries/') || value.startsWith('/communitygalleries/')) return 'gallery';
  if (value.includes('/providers/microsoft.compute/images/')) return 'managed-image';
  return 'unknown';
}

/** Windows Server Azure Edition (hotpatch-capable family) by sku. */
export function isAzureEditionImage(image: ImageRef): boolean {
  return /^microsoftwindowsserver$/i.test(image.publisher) && /azure-edition/i.test(image.sku ?? '');
}

const WINDOWS_PUBLISHERS = new Set(
  [
    'MicrosoftWindowsServer',
    'MicrosoftWindowsDesktop',
    'MicrosoftSQLServer',
    'MicrosoftVisualStudio',
    'MicrosoftWindowsServerHPCPack',
    'MicrosoftDynamicsAX',
    'MicrosoftSharePoint',
    'MicrosoftBizTalkServer',
    'MicrosoftWindowsServerEssentials',
    'microsoft-ads',
  ].map((name) => name.toLowerCase()),
);

const LINUX_PUBLISHERS = new Set(
  [
    'Canonical',
    'RedHat',
    'OpenLogic',
    'SUSE',
    'Debian',
    'credativ',
    'MicrosoftCblMariner',
    'AlmaLinux',
    'Oracle',
    'kinvolk',
    'CoreOS',
    'Microsoft-AKS',
    'Microsoft-DSVM',
    'resf',
    'erockyenterprisesoftwarefoundationinc1653071250513',
    'bitnami',
  ].map((name) => name.toLowerCase()),
);

/** The OS family of a marketplace image from its publisher (and offer for mixed publishers); undefined when unsure. */
export function imageOs(image: ImageRef): 'Windows' | 'Linux' | undefined {
  const publisher = image.publisher.toLowerCase();
  if (WINDOWS_PUBLISHERS.has(publisher)) return 'Windows';
  if (LINUX_PUBLISHERS.has(publisher)) return 'Linux';
  const offer = (image.offer ?? '').toLowerCase();
  if (publisher === 'center-for-internet-security-inc') {
    if (offer.includes('windows')) return 'Windows';
    if (/rhel|ubuntu|centos|oracle|suse|debian|linux|alma|rocky/.test(offer)) return 'Linux';
  }
  return undefined;
}

/** Red Hat Enterprise Linux images (RedHat publisher with an RHEL offer, and CIS RHEL images). */
export function isRhelImage(image: ImageRef): boolean {
  const publisher = image.publisher.toLowerCase();
  const offer = (image.offer ?? '').toLowerCase();
  if (publisher === 'redhat') return offer.startsWith('rhel');
  return publisher === 'center-for-internet-security-inc' && offer.includes('rhel');
}
