import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HostRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: { body?: string } | null;
}

export interface FakeHostOptions {
  /** Comments/notes per page, small so that tests cross pages. */
  pageSize?: number;
  /** Writes with this token get 403, as a fork pull request's read-only token does. */
  readOnlyToken?: string;
  /** Bodies longer than this get 422 (GitHub: "body is too long"). */
  maxBody?: number;
}

interface StoredComment {
  id: number;
  body: string;
  system?: boolean;
}

/**
 * A real HTTP server on 127.0.0.1 playing GitHub's issue-comment API (under /api/v3, as on GitHub
 * Enterprise) and GitLab's merge-request-note API (under /api/v4), with comments kept in memory and
 * every request recorded.
 */
export async function fakeCodeHost(options: FakeHostOptions = {}) {
  const comments: StoredComment[] = [];
  const requests: HostRequest[] = [];
  let nextId = 1000;
  const pageSize = options.pageSize ?? 100;
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://host');
      const body = raw ? (JSON.parse(raw) as { body?: string }) : null;
      requests.push({ method: req.method ?? '', path: url.pathname + url.search, headers: req.headers, body });
      const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        const text = value === null ? '' : JSON.stringify(value);
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(text);
      };
      const token = String(req.headers.authorization ?? req.headers['private-token'] ?? req.headers['job-token'] ?? '').replace(/^Bearer /, '');
      if (!token) return send(401, { message: 'Requires authentication' });
      const write = req.method !== 'GET';
      if (write && token === options.readOnlyToken) return send(403, { message: `Resource not accessible by integration (token ${token})` });
      if (write && body?.body !== undefined && options.maxBody !== undefined && body.body.length > options.maxBody) {
        return send(422, { message: 'Validation Failed', errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: 'body is too long (maximum is 65536 characters)' }] });
      }
      const gh = /^\/api\/v3\/repos\/([^/]+)\/([^/]+)\/issues\/(?:(\d+)\/comments|comments\/(\d+))$/.exec(url.pathname);
      const gl = /^\/api\/v4\/projects\/([^/]+)\/merge_requests\/(\d+)\/notes(?:\/(\d+))?$/.exec(url.pathname);
      if (!gh && !gl) return send(404, { message: 'Not Found' });
      const id = Number(gh ? gh[4] : gl?.[3]);
      const page = Number(url.searchParams.get('page') ?? '1');
      if (req.method === 'GET') {
        const slice = comments.slice((page - 1) * pageSize, page * pageSize);
        const more = page * pageSize < comments.length;
        if (gh) {
          const next = `http://${req.headers.host}${url.pathname}?per_page=100&page=${page + 1}`;
          return send(200, slice, more ? { link: `<${next}>; rel="next", <${next}>; rel="last"` } : {});
        }
        return send(200, slice, { 'x-next-page': more ? String(page + 1) : '' });
      }
      if (req.method === 'POST') {
        const created = { id: nextId++, body: body?.body ?? '' };
        comments.push(created);
        return send(201, { ...created, html_url: `https://github.example/pr#issuecomment-${created.id}` });
      }
      const existing = comments.find((c) => c.id === id);
      if (!existing) return send(404, { message: 'Not Found' });
      if (req.method === 'PATCH' || req.method === 'PUT') {
        existing.body = body?.body ?? '';
        return send(200, { ...existing, html_url: `https://github.example/pr#issuecomment-${existing.id}` });
      }
      if (req.method === 'DELETE') {
        comments.splice(comments.indexOf(existing), 1);
        return send(204, null);
      }
      return send(405, { message: 'Method Not Allowed' });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    comments,
    requests,
    /** Adds comments someone else wrote (`{ body }`), or an earlier costlint one. */
    seed(...bodies: (string | StoredComment)[]) {
      for (const b of bodies) comments.push(typeof b === 'string' ? { id: nextId++, body: b } : b);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
