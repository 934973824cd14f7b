// Documents and jobs of one collection: upload, live progress, failures with their reason,
// retry and delete.
import { html } from 'htm/preact';
import { useState } from 'preact/hooks';
import { api, coll } from '../api.js';
import { Badge, Problem, useResource, when } from '../ui.js';

const SETTLED_DOCUMENT = new Set(['ready', 'failed']);
const SETTLED_JOB = new Set(['succeeded', 'failed']);

/** Job ids started from this browser tab, per collection (sessionStorage). */
function sessionJobs(collection) {
  const key = `ragops.jobs.${collection}`;
  return {
    list: () => JSON.parse(sessionStorage.getItem(key) || '[]'),
    add(ids) {
      const all = [...new Set([...ids, ...this.list()])].slice(0, 50);
      sessionStorage.setItem(key, JSON.stringify(all));
    },
  };
}

/** The collection's jobs: from GET …/jobs where the server has it, else the ones started here. */
async function loadJobs(collection) {
  try {
    const answer = await api('GET', coll(collection, '/jobs'));
    return { jobs: answer.jobs || [], listed: true };
  } catch (error) {
    if (!error.routeMissing) throw error;
  }
  const jobs = await Promise.all(
    sessionJobs(collection).list().map((id) => api('GET', `/v1/jobs/${encodeURIComponent(id)}`)
      .catch((error) => ({ jobId: id, status: 'unknown', error: error.message }))),
  );
  return { jobs, listed: false };
}

function Upload({ collection, onUploaded }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  const submit = async (event) => {
    event.preventDefault();
    const form = event.target;
    const body = new FormData();
    for (const file of form.file.files) body.append('file', file, file.name);
    if (form.metadata.value.trim()) body.append('metadata', form.metadata.value.trim());
    setBusy(true);
    try {
      const answer = await api('POST', coll(collection, '/documents'), body);
      const submissions = answer.submissions || [answer];
      sessionJobs(collection).add(submissions.map((s) => s.jobId));
      form.reset();
      setError(null);
      onUploaded();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return html`<form class="panel" onSubmit=${submit}>
    <h2>Upload</h2>
    <label>Files <input type="file" name="file" multiple required /></label>
    <label>Metadata (JSON object, optional)
      <input name="metadata" placeholder='{"team":"platform"}' /></label>
    <button type="submit" disabled=${busy}>${busy ? 'Uploading…' : 'Upload'}</button>
    <${Problem} error=${error} />
  </form>`;
}

function Bar({ done, total }) {
  const pct = total ? Math.round((100 * done) / total) : 0;
  return html`<span class="bar"><span style=${`width:${pct}%`}></span></span>`;
}

function Progress({ progress }) {
  if (!progress) return null;
  const { stage, chunksDone, chunksTotal } = progress;
  return html`<span class="progress"><${Bar} done=${chunksDone} total=${chunksTotal} />
    ${stage} ${chunksTotal ? `${chunksDone}/${chunksTotal}` : ''}</span>`;
}

/** One line per multi-file upload among the jobs (servers that report `batch` on a job). */
function Batches({ jobs }) {
  const batches = new Map(jobs.filter((j) => j.batch).map((j) => [j.batch.batchId, j.batch]));
  return [...batches.values()].map((b) => html`<p class="batch" key=${b.batchId}>
    Upload of ${b.documentsTotal} files: ${b.documentsDone} done${b.documentsFailed
      ? html`, <span class="error">${b.documentsFailed} failed</span>` : ''}, chunks
    ${b.chunksDone}/${b.chunksTotal}
    <${Bar} done=${b.documentsDone} total=${b.documentsTotal} />
  </p>`);
}

function DocumentRow({ collection, doc, onChanged, onError }) {
  const act = async (method, path, question) => {
    if (question && !confirm(question)) return;
    try {
      const answer = await api(method, coll(collection, `/documents/${encodeURIComponent(doc.documentId)}${path}`));
      if (answer?.jobId) sessionJobs(collection).add([answer.jobId]);
      onChanged();
    } catch (e) {
      onError(e);
    }
  };
  return html`<tr data-source-id=${doc.sourceId} data-status=${doc.status}>
    <td title=${doc.documentId}>${doc.sourceId}</td>
    <td>${doc.title || ''}</td>
    <td><${Badge} value=${doc.status} /></td>
    <td class="num">${doc.chunkCount}</td>
    <td class="num">${doc.version}</td>
    <td class="when">${when(doc.updatedAt)}</td>
    <td class="reason">${doc.error || ''}</td>
    <td class="actions">
      ${doc.status === 'failed' && html`<button onClick=${() => act('POST', ':retry')}>Retry</button>`}
      <button class="danger" onClick=${() => act('DELETE', '', `Delete ${doc.sourceId}?`)}>Delete</button>
    </td>
  </tr>`;
}

export function Documents({ collection }) {
  const [actionError, setActionError] = useState(null);
  const documents = useResource(
    () => api('GET', coll(collection, '/documents')),
    [collection],
    (d) => (!d || d.documents.every((doc) => SETTLED_DOCUMENT.has(doc.status)) ? 5000 : 1000),
  );
  const jobs = useResource(
    () => loadJobs(collection),
    [collection],
    (d) => (!d || d.jobs.every((job) => SETTLED_JOB.has(job.status)) ? 5000 : 1000),
  );
  const docs = documents.data?.documents || [];
  const sourceOf = new Map(docs.map((d) => [d.documentId, d.sourceId]));
  const refresh = () => {
    setActionError(null);
    documents.reload();
    jobs.reload();
  };
  const failed = docs.filter((d) => d.status === 'failed').length;
  return html`<h1>${collection}: documents and jobs</h1>
    <${Upload} collection=${collection} onUploaded=${refresh} />
    <${Problem} error=${actionError} />
    <h2>Documents <span class="muted">${docs.length} (${failed} failed)</span></h2>
    <${Problem} error=${documents.error} what="The document list" />
    ${documents.data && !docs.length && html`<p class="muted">No documents yet.</p>`}
    ${docs.length > 0 && html`<table class="documents">
      <thead><tr><th>source id</th><th>title</th><th>status</th><th class="num">chunks</th>
        <th class="num">version</th><th>updated</th><th>reason</th><th></th></tr></thead>
      <tbody>${docs.map((doc) => html`<${DocumentRow} key=${doc.documentId} collection=${collection}
        doc=${doc} onChanged=${refresh} onError=${setActionError} />`)}</tbody></table>`}
    <h2>Jobs</h2>
    <${Problem} error=${jobs.error} />
    ${jobs.data && !jobs.data.listed && html`<p class="unavailable">Listing a collection's jobs is
      not available on this server; these are the jobs started from this browser tab.</p>`}
    ${jobs.data && !jobs.data.jobs.length && html`<p class="muted">No jobs.</p>`}
    ${jobs.data && html`<${Batches} jobs=${jobs.data.jobs} />`}
    ${jobs.data?.jobs.length > 0 && html`<table class="jobs">
      <thead><tr><th>job</th><th>document</th><th>status</th><th>progress</th><th>updated</th>
        <th>reason</th></tr></thead>
      <tbody>${jobs.data.jobs.map((job) => html`<tr key=${job.jobId} data-status=${job.status}>
        <td><code>${job.jobId.slice(0, 8)}</code></td>
        <td>${sourceOf.get(job.documentId) || job.documentId || ''}</td>
        <td><${Badge} value=${job.status} /></td>
        <td><${Progress} progress=${job.progress} /></td>
        <td class="when">${when(job.updatedAt)}</td>
        <td class="reason">${job.error || ''}</td></tr>`)}</tbody></table>`}`;
}
