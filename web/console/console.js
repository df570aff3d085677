// Starts the agent console (firstline-console.js/.wasm, Dear ImGui over
// WebGL 2), downloads the agent index into its file system with progress,
// and passes pasted or dropped text to it. No inline script: the demo's CSP
// allows only 'self' scripts and WebAssembly compilation.
//
// The index comes from ./agent.db (or ?index=URL on the same origin); when
// there is none (the desk serves this page: desk/README.md, console_root), it
// comes from the desk once the agent has signed in (/api/agent/agent.db). It
// is INTERNAL content: serve it only behind the company's login.
//
// The handoff desk (the Queue tab) is this page's own origin, or ?desk=URL
// (then the desk lists this page's origin in agent_origins). Its requests go
// through deskFetch below, with the session cookie.
//
// Text input: Dear ImGui draws its text fields on the canvas, where no IME
// can compose. A hidden text field (#ime) sits at the focused ImGui field's
// cursor (Module.imeAt, told each frame), takes the keyboard while an ImGui
// field is focused, and hands what the IME commits (compositionend, or text
// inserted without a key) to console_ime_commit; keys themselves still reach
// ImGui through Emscripten's GLFW (it listens on the window). A paste goes to
// the focused field at its cursor (console_paste), else opens a payload or
// becomes the query.
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
  const params = new URLSearchParams(location.search);
  const deskParam = params.get('desk');
  let deskBase;
  try {
    deskBase = new URL(deskParam || location.origin);
  } catch (error) {
    show(`?desk= is not a URL: ${deskParam}`, true);
    return;
  }
  const sameOriginDesk = deskBase.origin === location.origin;
  const deskFetch = async (method, path, body) => {
    const response = await fetch(new URL(path, deskBase), {
      method,
      body: method === 'POST' ? body : undefined,
      headers: method === 'POST' ? { 'Content-Type': 'application/json' } : {},
      credentials: sameOriginDesk ? 'same-origin' : 'include',
      cache: 'no-store',
    });
    return { status: response.status, body: await response.text() };
  };

  // The hidden field the IME composes in (see the top of this file).
  const ime = document.createElement('textarea');
  ime.id = 'ime';
  ime.setAttribute('aria-label', 'Text for the focused console field');
  for (const [name, value] of [['autocomplete', 'off'], ['autocapitalize', 'off'], ['spellcheck', 'false']]) ime.setAttribute(name, value);
  document.body.appendChild(ime);
  let imeFocused = false;
  let composing = false;
  let keyTyped = false;
  const imeAt = (focused, x, y, lineHeight) => {
    imeFocused = focused;
    if (!focused) {
      if (document.activeElement === ime && !composing) canvas.focus({ preventScroll: true });
      return;
    }
    const box = canvas.getBoundingClientRect();
    ime.style.left = `${box.left + x}px`;
    ime.style.top = `${box.top + y}px`;
    ime.style.height = `${lineHeight}px`;
    // Take the keyboard from the canvas (or the page), never from the page's own controls.
    const active = document.activeElement;
    if (active !== ime && (active === canvas || active === document.body || active === null)) ime.focus({ preventScroll: true });
  };

  let app;
  try {
    app = await createConsole({
      canvas,
      locateFile: (path) => path,
      print: (text) => console.log(text),
      printErr: (text) => console.warn(text),
      onConsoleError: (message) => show(message, true),
      deskFetch,
      imeAt,
      onDeskSignedIn: () => {
        if (!indexLoaded) loadIndex(new URL('/api/agent/agent.db', deskBase), sameOriginDesk ? 'same-origin' : 'include');
      },
    });
  } catch (error) {
    show(`The console could not start (WebGL 2 and WebAssembly are needed): ${error}`, true);
    return;
  }
  canvas.focus();
  // For tests and the page's tools (tests/browser/lib/console.mjs): the module and its console_* functions.
  window.firstlineConsole = app;
  app.ccall('console_connect_desk', null, ['string'], [sameOriginDesk ? '' : deskBase.origin]);

  const commit = (text) => {
    if (text) app.ccall('console_ime_commit', null, ['string'], [text]);
  };
  ime.addEventListener('compositionstart', () => { composing = true; });
  ime.addEventListener('compositionend', (event) => {
    composing = false;
    commit(event.data);
    ime.value = '';
  });
  ime.addEventListener('keypress', () => { keyTyped = true; });  // GLFW gives that character to ImGui itself
  ime.addEventListener('input', (event) => {
    if (composing || event.isComposing) return;  // the IME's candidate is not text yet
    if (!keyTyped && event.inputType === 'insertText') commit(event.data);  // text without a key: an IME's commit, an emoji panel
    keyTyped = false;
    ime.value = '';
  });

  // The index, with download progress.
  let indexLoaded = false;
  const setStatus = (text) => app.ccall('console_set_status', null, ['string'], [text]);
  const loadIndex = async (url, credentials) => {
    let bytes;
    try {
      show('Downloading the agent index…');
      setStatus('Downloading the agent index…');
      const response = await fetch(url, { credentials, cache: 'no-cache' });
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
      return `Could not download the agent index from ${url.pathname}: ${error.message || error}`;
    } finally {
      progress.hidden = true;
    }
    app.FS.writeFile('/agent.db', bytes);
    if (!app.ccall('console_open_index', 'number', ['string'], ['/agent.db'])) {
      show('The agent index could not be opened (see the console window).', true);
      return '';
    }
    indexLoaded = true;
    show(`Agent index loaded (${megabytes(bytes.length)}).`);
    return '';
  };
  const requested = params.get('index') || 'agent.db';
  const url = new URL(requested, location.href);
  if (url.origin !== location.origin) {
    show('The agent index must come from this site.', true);
    return;
  }
  const failed = await loadIndex(url, 'same-origin');
  if (failed) {
    // Served by the desk, the index comes from it once the agent signs in.
    const message = `${failed}. Sign in to the desk below to load it from there.`;
    show(message);
    setStatus(message);
  }

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
    const text = event.clipboardData.getData('text/plain');
    // Into the focused console field at its cursor; with none focused, a payload or the query.
    if (!text || app.ccall('console_paste', 'number', ['string'], [text])) return;
    take(text, 'pasted text');
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
