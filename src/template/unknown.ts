// The Unknown value belongs to the model (rules reason about it); re-exported for the template layer.
export { Unknown, isUnknown, containsUnknown } from '../model/unknown.js';
