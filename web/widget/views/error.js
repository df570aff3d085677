// The failure screen: the index or the module could not load (or no index
// was configured). The status line says so; below it, the host's fallback
// channels as direct links (tel:, mailto:), so the customer is never stuck.
import { channelList } from './channels.js';

/**
 * @param {object[]} offered  the fallback channels (channels.js's offer()); may be empty
 * @param {{t: object, locale: string, onPick: (channel: object) => void}} actions
 * @returns {Node[]}
 */
export function failureView(offered, { t, locale, onPick }) {
  return [channelList(offered, { t, locale, direct: true, onPick })];
}
