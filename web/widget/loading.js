// What the panel starts from: the index, opened in the worker within the
// host's time limit, and the host's fallback channels (the `channels` option)
// for when the index cannot load. Both are reads of URLs the host configured.
import { readJson } from './outbox.js';

/**
 * Opens the index at `indexUrl` in `core` (a CoreClient); resolves to the
 * 'open' result. Rejects with the core's error, or with code "timeout" after
 * `timeoutMs` (the worker is then stopped: the download is abandoned).
 */
export async function openIndex(core, indexUrl, timeoutMs) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`the help content did not load within ${timeoutMs} ms`),
      { code: 'timeout' })), timeoutMs);
  });
  try {
    return await Promise.race([core.open(indexUrl), timeout]);
  } catch (error) {
    if (error.code === 'timeout') core.terminate();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The host's fallback channels: {channels, timezone}. `configured` is an
 * array of channels, or the URL of a JSON file holding {timezone, channels}
 * or an array. No channels (and no timezone) when none are configured or the
 * file cannot be read.
 */
export async function fallbackChannels(configured) {
  if (Array.isArray(configured)) return { channels: configured };
  if (typeof configured === 'string' && configured) {
    try {
      const data = await readJson(configured);
      return { channels: Array.isArray(data) ? data : data.channels || [], timezone: data.timezone };
    } catch {
      return { channels: [] };
    }
  }
  return { channels: [] };
}
