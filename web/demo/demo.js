// The demo's help box. Every query runs in the Web Worker (../worker.js); the
// page only renders what the core decided: hints while typing, then an answer,
// a clarifying question or an offer of a person. Text goes in with
// textContent; the only HTML shown is the index's (sanitised at build time)
// and Xapian's escaped snippets.
const worker = new Worker('../worker.js');
const pending = new Map();
let nextId = 1;

function request(message) {
  const id = nextId++;
  worker.postMessage({ id, ...message });
  return new Promise((resolve) => pending.set(id, resolve));
}
const call = (req) => request({ type: 'call', request: req });

worker.onmessage = (event) => {
  const { id, response, type } = event.data;
  if (type === 'progress') return;
  pending.get(id)?.(response);
  pending.delete(id);
};

const form = document.getElementById('ask');
const input = document.getElementById('query');
const hintList = document.getElementById('hints');
const status = document.getElementById('status');
const answer = document.getElementById('answer');
const articleView = document.getElementById('article');
const context = { page: document.body.dataset.page || 'home', order_state: document.body.dataset.orderState || '' };

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function showArticle(id) {
  const response = await call({ op: 'article', id });
  if (!response.ok) return;
  await call({ op: 'opened', article: id });
  const article = response.result.article;
  const body = element('div');
  body.innerHTML = article.html; // safe HTML rendered by firstline-index
  const feedback = element('p', '这篇文章有帮助吗？ ', 'feedback');
  for (const [label, helped] of [['有帮助', true], ['没帮助', false]]) {
    const button = element('button', label);
    button.addEventListener('click', async () => {
      await call({ op: 'feedback', article: id, helped });
      feedback.textContent = helped ? '谢谢反馈！' : '抱歉没能帮到您，可以换个说法再问，或直接联系人工客服。';
    });
    feedback.append(button);
  }
  articleView.replaceChildren(element('h2', article.title), body, feedback);
  articleView.hidden = false;
}

function renderArticles(articles) {
  const list = element('ol', undefined, 'results');
  for (const hit of articles) {
    const item = element('li');
    const button = element('button', hit.title, 'link');
    button.addEventListener('click', () => showArticle(hit.id));
    const snippet = element('p', undefined, 'snippet');
    snippet.innerHTML = hit.snippet; // escaped by Xapian, matched words in <mark>
    item.append(button, snippet);
    list.append(item);
  }
  return list;
}

let channels = [];
function renderEscalation(escalation) {
  const box = element('div', undefined, 'escalation');
  box.append(element('p', escalation.explanation));
  for (const id of escalation.channels) {
    const channel = channels.find((c) => c.id === id);
    if (!channel) continue;
    const label = channel.label['zh-Hans'] || channel.label.en || id;
    let node;
    if (channel.kind === 'phone') {
      node = element('a', `${label} ${channel.number}`, 'channel');
      node.href = `tel:${channel.number.replace(/[^0-9+]/g, '')}`;
    } else if (channel.kind === 'email') {
      node = element('a', `${label} ${channel.address}`, 'channel');
      node.href = `mailto:${channel.address}`;
    } else {
      node = element('button', label, 'channel');
      node.addEventListener('click', showHandoff);
    }
    if (id === escalation.channel) node.classList.add('recommended');
    box.append(node);
  }
  return box;
}

async function showHandoff() {
  const response = await call({ op: 'handoff' });
  if (!response.ok) return;
  const pre = element('pre', JSON.stringify(response.result.handoff, null, 2), 'handoff');
  articleView.replaceChildren(element('h2', '将转交给客服的摘要（个人信息已隐藏）'), pre);
  articleView.hidden = false;
}

function renderDecision(decision) {
  articleView.hidden = true;
  const parts = [];
  if (decision.kind === 'clarify') {
    parts.push(element('p', decision.question, 'question'));
    const options = element('div', undefined, 'options');
    for (const option of decision.options) {
      const button = element('button', option.label, 'option');
      button.addEventListener('click', async () => {
        const response = await call({ op: 'choose', intent: option.intent });
        if (response.ok) renderDecision(response.result.decision);
      });
      options.append(button);
    }
    parts.push(options);
  } else if (decision.kind === 'escalate') {
    parts.push(renderEscalation(decision.escalation));
    if (decision.articles.length) parts.push(renderArticles(decision.articles));
  } else {
    parts.push(renderArticles(decision.articles));
    if (decision.articles.length) showArticle(decision.articles[0].id);
  }
  answer.replaceChildren(...parts);
  status.textContent = { answer: '为您找到以下答案', clarify: '请选择最接近的情况', escalate: '建议联系人工客服' }[decision.kind];
}

let latestHints = 0;
async function updateHints() {
  const ticket = ++latestHints;
  const response = await call({ op: 'hints', text: input.value, context, limit: 6 });
  if (ticket !== latestHints || !response.ok) return; // a newer keystroke already asked
  hintList.replaceChildren(...response.result.hints.map((hint) => {
    const item = element('li');
    const button = element('button', hint.text, `hint-chip ${hint.kind}`);
    button.addEventListener('click', () => {
      input.value = hint.text;
      ask();
    });
    item.append(button);
    return item;
  }));
}

async function ask() {
  const query = input.value;
  hintList.replaceChildren();
  const response = await call({ op: 'ask', query, context });
  if (!response.ok) {
    status.textContent = `出错了：${response.error.message}`;
    return;
  }
  renderDecision(response.result.decision);
}

let composing = false; // no hint requests while an IME composition is open
input.addEventListener('compositionstart', () => { composing = true; });
input.addEventListener('compositionend', () => { composing = false; updateHints(); });
input.addEventListener('input', () => { if (!composing) updateHints(); });
form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!composing) ask();
});

request({ type: 'open', url: '../public.db' }).then((response) => {
  if (response.ok) {
    channels = response.result.escalation.channels || [];
    input.disabled = false;
    input.focus();
    status.textContent = `帮助内容已就绪（${response.result.build.counts.articles} 篇文章）`;
    updateHints(); // the first-screen topics for this page
  } else {
    status.textContent = `帮助内容暂时无法加载（${response.error.message}）。请拨打 400-000-1234 或使用在线客服。`;
  }
});
