export { startSupabaseShim, type SupabaseShim, type SupabaseShimOptions } from './shim';
export { shimBackends, type ShimBackend } from './backends';
