/**
 * VS Code glue for inspect documents: read-only virtual documents `swarmscope:/<kind>/<name-or-id>.<format>`
 * (format pretty, yaml or json), links between them, and following the object through swarm events while a
 * document is open. All rendering is in the vscode-free modules beside this file.
 */
import type Dockerode from 'dockerode';
import * as vscode from 'vscode';
import { fetchInspectable, InspectNotFoundError, type Inspectable } from './fetch';
import { isInspectKind, type InspectKind, type InspectLink } from './model';
import { renderJson, renderYaml } from './serialize';

export const INSPECT_SCHEME = 'swarmscope';
export type InspectFormat = 'pretty' | 'yaml' | 'json';
const FORMATS: readonly InspectFormat[] = ['pretty', 'yaml', 'json'];

/** The subset of docker/events' SwarmEvents the documents use. */
export interface InspectEventSource {
  start(): { dispose(): void };
  onEvent(listener: (e: { type: string; action: string; id: string; serviceId?: string }) => void): { dispose(): void };
}

export interface InspectDocumentsDeps {
  getDocker(): Promise<Dockerode>;
  log: vscode.LogOutputChannel;
  /** When given, open documents refresh on their object's events. */
  events?: InspectEventSource;
}

export interface InspectDocuments {
  open(kind: InspectKind, nameOrId: string, format?: InspectFormat): Promise<void>;
  /** Reopens the active inspect document in another format. */
  switchFormat(uri: vscode.Uri, format: InspectFormat): Promise<void>;
  refresh(uri: vscode.Uri): void;
}

export interface InspectUri {
  kind: InspectKind;
  ref: string;
  format: InspectFormat;
}

export function inspectUri(kind: InspectKind, ref: string, format: InspectFormat): vscode.Uri {
  return vscode.Uri.from({ scheme: INSPECT_SCHEME, path: `/${kind}/${ref}.${format}` });
}

export function parseInspectUri(uri: vscode.Uri): InspectUri | undefined {
  const m = /^\/([a-z]+)\/(.+)\.(pretty|yaml|json)$/.exec(uri.path);
  if (!m || !isInspectKind(m[1])) return undefined;
  return { kind: m[1], ref: m[2], format: m[3] as InspectFormat };
}

interface OpenDocument {
  /** ID of the object once fetched, to match events. */
  id?: string;
  serviceId?: string;
  links: InspectLink[];
  removed: boolean;
  last?: Inspectable;
}

class InspectContentProvider implements vscode.TextDocumentContentProvider, vscode.DocumentLinkProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly documents = new Map<string, OpenDocument>();
  private eventsHandle: { dispose(): void } | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly deps: InspectDocumentsDeps) {
    this.disposables.push(
      this.changed,
      vscode.workspace.onDidCloseTextDocument((doc) => {
        if (doc.uri.scheme !== INSPECT_SCHEME) return;
        this.documents.delete(doc.uri.toString());
        this.updateFollowing();
      }),
    );
    if (deps.events) {
      const listener = deps.events.onEvent((e) => this.onEvent(e));
      this.disposables.push(new vscode.Disposable(() => listener.dispose()));
    }
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const parsed = parseInspectUri(uri);
    if (!parsed) return `Not a Swarmscope inspect document: ${uri.toString()}\n`;
    const key = uri.toString();
    const state = this.documents.get(key) ?? { links: [], removed: false };
    this.documents.set(key, state);
    this.updateFollowing();
    try {
      const docker = await this.deps.getDocker();
      const result = await fetchInspectable(docker, parsed.kind, parsed.ref);
      state.id = result.id;
      state.serviceId = parsed.kind === 'task' ? (result.raw as { ServiceID?: string }).ServiceID : undefined;
      state.removed = false;
      state.last = result;
      if (parsed.format === 'pretty') {
        state.links = result.links;
        return result.pretty;
      }
      state.links = [];
      return parsed.format === 'yaml' ? renderYaml(result.raw) : renderJson(result.raw);
    } catch (err) {
      if (err instanceof InspectNotFoundError) {
        state.links = [];
        const notice = state.last ? `The ${parsed.kind} ${state.last.name} was removed.` : `Error: ${err.message}`;
        state.removed = true;
        return `${notice}\n`;
      }
      this.deps.log.error(`inspect ${parsed.kind} ${parsed.ref}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      state.links = [];
      return `Cannot inspect ${parsed.kind} ${parsed.ref}: ${err instanceof Error ? err.message : String(err)}\n`;
    }
  }

  provideDocumentLinks(document: vscode.TextDocument): vscode.DocumentLink[] {
    const state = this.documents.get(document.uri.toString());
    if (!state) return [];
    return state.links.map((l) => {
      const range = new vscode.Range(document.positionAt(l.start), document.positionAt(l.end));
      const link = new vscode.DocumentLink(range, inspectUri(l.kind, l.target, 'pretty'));
      link.tooltip = `Inspect ${l.kind}`;
      return link;
    });
  }

  refresh(uri: vscode.Uri): void {
    this.changed.fire(uri);
  }

  /** Streams events only while at least one inspect document is open. */
  private updateFollowing(): void {
    if (!this.deps.events) return;
    if (this.documents.size > 0 && !this.eventsHandle) this.eventsHandle = this.deps.events.start();
    else if (this.documents.size === 0 && this.eventsHandle) {
      this.eventsHandle.dispose();
      this.eventsHandle = undefined;
    }
  }

  private onEvent(e: { type: string; id: string; serviceId?: string }): void {
    for (const [key, state] of this.documents) {
      const parsed = parseInspectUri(vscode.Uri.parse(key));
      if (!parsed) continue;
      const matches =
        (parsed.kind === e.type && (state.id === e.id || parsed.ref === e.id)) ||
        (parsed.kind === 'task' && e.type === 'service' && state.serviceId === e.id) ||
        (parsed.kind === 'service' && e.type === 'task' && e.serviceId === state.id) ||
        (parsed.kind === 'network' && e.type === 'service');
      if (matches) this.changed.fire(vscode.Uri.parse(key));
    }
  }

  dispose(): void {
    this.eventsHandle?.dispose();
    this.eventsHandle = undefined;
    for (const d of this.disposables) d.dispose();
  }
}

/** Registers the `swarmscope:` inspect documents; everything registered is owned by `context.subscriptions`. */
export function registerInspectDocuments(context: vscode.ExtensionContext, deps: InspectDocumentsDeps): InspectDocuments {
  const provider = new InspectContentProvider(deps);
  context.subscriptions.push(
    provider,
    vscode.workspace.registerTextDocumentContentProvider(INSPECT_SCHEME, provider),
    vscode.languages.registerDocumentLinkProvider({ scheme: INSPECT_SCHEME }, provider),
  );

  async function show(uri: vscode.Uri, format: InspectFormat): Promise<void> {
    const document = await vscode.workspace.openTextDocument(uri);
    if (format !== 'pretty') await vscode.languages.setTextDocumentLanguage(document, format);
    await vscode.window.showTextDocument(document, { preview: false });
  }

  return {
    open: (kind, nameOrId, format = 'pretty') => show(inspectUri(kind, nameOrId, format), format),
    switchFormat: async (uri, format) => {
      const parsed = parseInspectUri(uri);
      if (!parsed || !FORMATS.includes(format)) return;
      await show(inspectUri(parsed.kind, parsed.ref, format), format);
    },
    refresh: (uri) => provider.refresh(uri),
  };
}
