import type { PreviewsConfig } from '../config/deploy-config.ts';
import type { PreviewRequest } from './preview-request.ts';

/**
 * Whether a request asks for a preview: `/preview` always does; an open preview follows every push;
 * otherwise `previews.on` decides (`opened`: opening, reopening or pushing; `label`: adding its label).
 */
export function asksForPreview(previews: PreviewsConfig, request: PreviewRequest, previewOpen: boolean): boolean {
  if (request.action === 'command') return true;
  if (request.action === 'labeled') return previews.on === 'label' && request.label === previews.label && !previewOpen;
  if (previewOpen) return request.action === 'synchronize';
  return previews.on === 'opened';
}
