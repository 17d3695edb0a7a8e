#!/usr/bin/env node
/**
 * Post the rollout plan as one pull-request comment, and update that comment on every later push
 * (found by a hidden marker), so a pull request never collects a comment per push. Uses the GitHub
 * REST API with the workflow's token; no dependency beyond Node's fetch.
 *
 * Environment: GITHUB_TOKEN, GITHUB_REPOSITORY (owner/name), GITHUB_EVENT_PATH (the pull_request
 * event, for its number), GITHUB_API_URL (default https://api.github.com).
 */
import { readFileSync } from 'node:fs';

const MARKER = '<!-- patchwise-plan -->';
/** GitHub rejects comment bodies over 65,536 characters. */
const LIMIT = 65_536;

export function commentBody(markdown) {
  const note = '\n\n… (cut to fit a GitHub comment: the full plan is in the job log and `--format json`)\n';
  const body = `${MARKER}\n${markdown}`;
  return body.length <= LIMIT ? body : `${body.slice(0, LIMIT - note.length)}${note}`;
}

async function request(method, url, token, body) {
  const response = await fetch(url, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      accept: 'application/vnd.github+json',
      'content-type': 'application/json',
      'x-github-api-version': '2022-11-28',
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} ${new URL(url).pathname}: ${response.status} ${response.statusText}`);
  return response.status === 204 ? undefined : response.json();
}

/** Create the comment, or update the one this action wrote before. Returns what it did. */
export async function upsertComment({ api, repository, number, token, markdown }) {
  const base = `${api.replace(/\/$/, '')}/repos/${repository}/issues/${number}/comments`;
  const body = commentBody(markdown);
  for (let page = 1; page <= 50; page++) {
    const comments = await request('GET', `${base}?per_page=100&page=${page}`, token);
    const ours = comments.find((comment) => typeof comment.body === 'string' && comment.body.startsWith(MARKER));
    if (ours) {
      await request('PATCH', `${api.replace(/\/$/, '')}/repos/${repository}/issues/comments/${ours.id}`, token, { body });
      return { action: 'updated', id: ours.id };
    }
    if (comments.length < 100) break;
  }
  const created = await request('POST', base, token, { body });
  return { action: 'created', id: created.id };
}

async function main() {
  const file = process.argv[2] ?? 'patchwise-plan.md';
  const { GITHUB_TOKEN: token, GITHUB_REPOSITORY: repository, GITHUB_EVENT_PATH: eventPath } = process.env;
  const api = process.env.GITHUB_API_URL || 'https://api.github.com';
  let markdown;
  try {
    markdown = readFileSync(file, 'utf8');
  } catch {
    console.log(`patchwise: no plan to post (${file} was not written)`);
    return;
  }
  const number = eventPath ? JSON.parse(readFileSync(eventPath, 'utf8')).pull_request?.number : undefined;
  if (!token || !repository || !number) {
    console.log('patchwise: not a pull request with a token: the plan is not posted');
    return;
  }
  const result = await upsertComment({ api, repository, number, token, markdown });
  console.log(`patchwise: plan comment ${result.action} (${result.id})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    // A comment that cannot be posted (a fork's read-only token) must not fail the lint gate.
    console.log(`::warning title=patchwise::the plan comment could not be posted: ${error.message}`);
  });
}
