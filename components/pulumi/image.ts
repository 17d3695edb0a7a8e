/** The image a VM or scale set is created from, as the components receive it (resolved). */
import { imageKindOfId, isAzureEditionImage } from '../../src/catalog/images.js';

/**
 * A marketplace image (`publisher`, `offer`, `sku`, optional `version`) or a custom image (`id`: a
 * managed image or an Azure Compute Gallery image version / definition; `sharedGalleryImageId`;
 * `communityGalleryImageId`). Same fields as azure-native `compute.ImageReferenceArgs`.
 */
export interface ImageReference {
  publisher?: string;
  offer?: string;
  sku?: string;
  version?: string;
  id?: string;
  sharedGalleryImageId?: string;
  communityGalleryImageId?: string;
}

export type ImageKind = 'marketplace' | 'gallery' | 'managed-image' | 'unknown';

export interface MarketplaceImage {
  publisher: string;
  offer: string;
  sku: string;
}

/** The kind of image; an id is told apart by the catalog, as the lint model does. */
export function imageKind(image: ImageReference): ImageKind {
  const id = image.id ?? image.sharedGalleryImageId ?? image.communityGalleryImageId;
  if (id !== undefined) return imageKindOfId(id);
  if (image.publisher && image.offer && image.sku) return 'marketplace';
  return 'unknown';
}

export function marketplaceImage(image: ImageReference): MarketplaceImage | undefined {
  return imageKind(image) === 'marketplace' ? { publisher: image.publisher!, offer: image.offer!, sku: image.sku! } : undefined;
}

export function describeImage(image: ImageReference): string {
  const marketplace = marketplaceImage(image);
  if (marketplace) return `${marketplace.publisher}:${marketplace.offer}:${marketplace.sku}`;
  return image.id ?? image.sharedGalleryImageId ?? image.communityGalleryImageId ?? '(no image)';
}

/** Windows Server Azure Edition images built for hotpatch (`…-hotpatch`, `…-hotpatch-smalldisk`). */
export function isHotpatchSkuImage(image: ImageReference): boolean {
  const marketplace = marketplaceImage(image);
  return marketplace !== undefined && isAzureEditionImage(marketplace) && /hotpatch/i.test(marketplace.sku);
}
