// The ragops dashboard: a hash-routed single page over the public REST API.
import { html } from 'htm/preact';
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { storeKey, storedKey } from './api.js';
import { Collections } from './pages/collections.js';
import { Documents } from './pages/documents.js';
import { Evals } from './pages/evals.js';
import { Freshness } from './pages/freshness.js';
import { Search } from './pages/search.js';
import './style.css';

const TABS = [
  ['documents', 'Documents & jobs', Documents],
  ['search', 'Search', Search],
  ['evals', 'Eval history', Evals],
  ['freshness', 'Schedules & freshness', Freshness],
];

/** "#/c/docs/search" → {collection: "docs", tab: "search"}; anything else → the collections list. */
function parseRoute(hash) {
  const match = /^#\/c\/([^/]+)\/([a-z]+)/.exec(hash);
  if (!match) return { collection: null, tab: null };
  return { collection: decodeURIComponent(match[1]), tab: match[2] };
}

function useRoute() {
  const [route, setRoute] = useState(parseRoute(location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(location.hash));
    addEventListener('hashchange', onChange);
    return () => removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

function KeyField({ onChange }) {
  const [value, setValue] = useState(storedKey());
  const save = (event) => {
    event.preventDefault();
    storeKey(value.trim());
    onChange();
  };
  return html`<form class="apikey" onSubmit=${save}>
    <label>API key <input type="password" name="apiKey" autocomplete="off" value=${value}
      placeholder="none" onInput=${(e) => setValue(e.target.value)} /></label>
    <button type="submit">Save</button>
  </form>`;
}

function App() {
  const { collection, tab } = useRoute();
  const [keyVersion, setKeyVersion] = useState(0);
  const page = TABS.find(([id]) => id === tab);
  const Page = page ? page[2] : null;
  return html`
    <header>
      <a class="brand" href="#/">ragops</a>
      <nav>
        <a href="#/" class=${collection ? '' : 'active'}>Collections</a>
        ${collection && html`<span class="crumb">${collection}</span>
          ${TABS.map(([id, label]) => html`<a href=${`#/c/${encodeURIComponent(collection)}/${id}`}
            class=${id === tab ? 'active' : ''}>${label}</a>`)}`}
      </nav>
      <${KeyField} onChange=${() => setKeyVersion((v) => v + 1)} />
    </header>
    <main key=${`${keyVersion}:${collection}:${tab}`}>
      ${Page ? html`<${Page} collection=${collection} />` : html`<${Collections} />`}
    </main>`;
}

render(html`<${App} />`, document.getElementById('app'));
