/** The image a VM or scale set is created from, as the components receive it (resolved). */
import type { ArgumentOf } from './judge.js';

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

/** The imageReference the components write: an image id as given, a marketplace image at version `latest` unless one is given. */
export function imageReferenceOf(image: ImageReference): ImageReference {
  return image.id || image.sharedGalleryImageId || image.communityGalleryImageId ? { ...image } : { ...image, version: image.version ?? 'latest' };
}

/** ARM paths of an imageReference → the `image` argument (its version apart: OU1 names it). */
export function imageArguments(imageReference: string): ArgumentOf[] {
  return [
    { path: `${imageReference}.version`, argument: 'image.version', whole: true },
    { path: imageReference, argument: 'image', whole: true },
  ];
}
