// The demo's help box: queries go to the Web Worker (../worker.js); the page
// only renders. Snippets and article HTML come from the index, escaped and
// sanitised at build time.
const worker = new Worker('../worker.js');
const pending = new Map();
let nextId = 1;

function request(message) {
  const id = nextId++;
  worker.postMessage({ id, ...message });
  return new Promise((resolve) => pending.set(id, resolve));
}

worker.onmessage = (event) => {
  const { id, response, type } = event.data;
  if (type === 'progress') return;
  pending.get(id)?.(response);
  pending.delete(id);
};

const input = document.getElementById('query');
const status = document.getElementById('status');
const results = document.getElementById('results');
const articleView = document.getElementById('article');

async function showArticle(id) {
  const response = await request({ type: 'call', request: { op: 'article', id } });
  if (!response.ok) return;
  const article = response.result.article;
  const title = document.createElement('h1');
  title.textContent = article.title;
  const body = document.createElement('div');
  body.innerHTML = article.html; // safe HTML rendered by firstline-index
  articleView.replaceChildren(title, body);
  articleView.hidden = false;
}

let latest = 0;
async function search() {
  const query = input.value;
  const ticket = ++latest;
  if (!query.trim()) {
    results.replaceChildren();
    status.textContent = '';
    return;
  }
  const response = await request({ type: 'call', request: { op: 'search', query, limit: 5 } });
  if (ticket !== latest) return; // a newer keystroke already asked
  if (!response.ok) {
    status.textContent = `搜索出错：${response.error.message}`;
    return;
  }
  const hits = response.result.hits;
  status.textContent = hits.length ? `找到 ${hits.length} 篇相关文章` : '没有找到相关文章，可以联系人工客服';
  results.replaceChildren(...hits.map((hit) => {
    const item = document.createElement('li');
    const button = document.createElement('button');
    button.textContent = hit.title;
    button.addEventListener('click', () => showArticle(hit.id));
    const snippet = document.createElement('p');
    snippet.className = 'snippet';
    snippet.innerHTML = hit.snippet; // escaped by Xapian, matched words in <mark>
    item.append(button, snippet);
    return item;
  }));
}

input.addEventListener('input', search);
request({ type: 'open', url: '../public.db' }).then((response) => {
  if (response.ok) {
    input.disabled = false;
    input.focus();
    status.textContent = `帮助内容已就绪（${response.result.build.counts.articles} 篇文章）`;
  } else {
    status.textContent = `帮助内容暂时无法加载（${response.error.message}）。请拨打 400-000-1234 或使用在线客服。`;
  }
});
