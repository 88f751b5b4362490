// Capa's success envelopes.
import type { Kit } from '../../engine/index.js';

/**
 * Capa's docs use two success envelopes: {success:true,data} on user endpoints and
 * {status:"ok",data} on details pages. `envelope=documented` keeps each as documented.
 */
export function envelope(kit: Kit, documented: 'success' | 'status', data: unknown) {
  const style =
    kit.options.envelope === 'documented'
      ? documented
      : kit.options.envelope === 'status-ok'
        ? 'status'
        : 'success';
  return style === 'success' ? { success: true, data } : { status: 'ok', data };
}
