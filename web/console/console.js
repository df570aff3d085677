// Starts the agent console (firstline-console.js/.wasm, Dear ImGui over
// WebGL 2), downloads the agent index into its file system with progress,
// and passes pasted or dropped text to it. No inline script: the demo's CSP
// allows only 'self' scripts and WebAssembly compilation.
//
// The index comes from ./agent.db (or ?index=URL on the same origin). It is
// INTERNAL content: serve it only behind the company's login.
'use strict';

(async () => {
  const status = document.getElementById('status');
  const progress = document.getElementById('progress');
  const canvas = document.getElementById('canvas');
  const fileInput = document.getElementById('file');
  const show = (message, isError = false) => {
    status.textContent = message;
    status.classList.toggle('error', isError);
    if (isError) console.error(`firstline console: ${message}`);
  };
  const megabytes = (bytes) => `${(bytes / 1048576).toFixed(1)} MB`;

  if (typeof createConsole !== 'function') {
    show('The console module (firstline-console.js) did not load.', true);
    return;
  }
  let app;
  try {
    app = await createConsole({
      canvas,
      locateFile: (path) => path,
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
      onConsoleError: (message) => show(message, true),
    });
  } catch (error) {
    show(`The console could not start (WebGL 2 and WebAssembly are needed): ${error}`, true);
    return;
  }
  canvas.focus();

  // The index, with download progress.
  const requested = new URLSearchParams(location.search).get('index') || 'agent.db';
  const url = new URL(requested, location.href);
  if (url.origin !== location.origin) {
    show('The agent index must come from this site.', true);
    return;
  }
  const setStatus = (text) => app.ccall('console_set_status', null, ['string'], [text]);
  let bytes;
  try {
    show('Downloading the agent index…');
    setStatus('Downloading the agent index…');
    const response = await fetch(url, { credentials: 'same-origin', cache: 'no-cache' });
    if (!response.ok) throw new Error(`${response.status} ${response.statusText || ''}`.trim());
    // A compressed response's length is not the index's: then the total is unknown.
    const total = response.headers.get('Content-Encoding') ? 0 : Number(response.headers.get('Content-Length')) || 0;
    const reader = response.body.getReader();
    const chunks = [];
    let received = 0;
    progress.hidden = total === 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.length;
      if (total) progress.value = received / total;
      const text = `Downloading the agent index… ${megabytes(received)}${total ? ` of ${megabytes(total)}` : ''}`;
      show(text);
      setStatus(text);
    }
    bytes = new Uint8Array(received);
    let at = 0;
    for (const chunk of chunks) {
      bytes.set(chunk, at);
      at += chunk.length;
    }
  } catch (error) {
    const message = `Could not download the agent index from ${url.pathname}: ${error.message || error}`;
    show(message, true);
    setStatus(message);
    return;
  } finally {
    progress.hidden = true;
  }
  app.FS.writeFile('/agent.db', bytes);
  if (!app.ccall('console_open_index', 'number', ['string'], ['/agent.db'])) {
    show('The agent index could not be opened (see the console window).', true);
    return;
  }
  show(`Agent index loaded (${megabytes(bytes.length)}).`);

  // Text from outside the canvas: a payload or event log goes to the console's
  // handoff or editor view; anything else becomes the search query.
  const take = (text, origin) => {
    if (!text) return;
    const trimmed = text.trim();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      app.ccall('console_take_text', null, ['string', 'string'], [text, origin]);
    } else {
      app.ccall('console_set_query', null, ['string'], [trimmed.slice(0, 500)]);
    }
    canvas.focus();
  };
  document.addEventListener('paste', (event) => {
    event.preventDefault();
    take(event.clipboardData.getData('text/plain'), 'pasted text');
  });
  const readFile = async (file) => {
    if (file.size > 50 * 1048576) {
      show(`${file.name} is too large (${megabytes(file.size)}).`, true);
      return;
    }
    app.ccall('console_take_text', null, ['string', 'string'], [await file.text(), file.name]);
    show(`Opened ${file.name}.`);
    canvas.focus();
  };
  canvas.addEventListener('dragover', (event) => {
    event.preventDefault();
    canvas.classList.add('dropping');
  });
  canvas.addEventListener('dragleave', () => canvas.classList.remove('dropping'));
  canvas.addEventListener('drop', (event) => {
    event.preventDefault();
    canvas.classList.remove('dropping');
    for (const file of event.dataTransfer.files) readFile(file);
  });
  fileInput.addEventListener('change', () => {
    for (const file of fileInput.files) readFile(file);
    fileInput.value = '';
  });
})();
