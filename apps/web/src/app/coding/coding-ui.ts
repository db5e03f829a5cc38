import type { ConnectedPosition } from '@angular/cdk/overlay';
import { DestroyRef, Injectable, Injector, computed, inject, signal } from '@angular/core';
import { MatDialog } from '@angular/material/dialog';
import type { Code, ShortcutKey } from '@tolk/contracts';
import type { CodingShortcut, TextSelection, TranscriptEditor } from '../documents/transcript-editor';
import { I18n } from '../core/i18n/i18n.service';
import { LiveAnnouncer } from '@angular/cdk/a11y';
import { CodePicker } from './code-picker';
import { CodingCard } from './coding-card';
import type { CodingView, Highlight } from './coding-stripes';
import type { Edge, ResizeTarget } from './resize-handles';
import { CodingStore, type TextRange } from './coding.store';
import { CommentStore, type CommentTarget, type PlacedThread } from './comment.store';
import { MemoDialog, type MemoDialogData } from './memo.dialog';
import { type Popover, openPopover } from './popover';

/** Where the code picker opens: below the selection's end, or above when there is no room. */
const PICKER_POSITIONS: ConnectedPosition[] = [
  { originX: 'start', originY: 'bottom', overlayX: 'start', overlayY: 'top', offsetY: 6 },
  { originX: 'start', originY: 'top', overlayX: 'start', overlayY: 'bottom', offsetY: -6 },
];
/** A coding's card opens beside its stripe, towards the side panel, else to its left. */
const CARD_POSITIONS: ConnectedPosition[] = [
  { originX: 'end', originY: 'top', overlayX: 'start', overlayY: 'top', offsetX: 10 },
  { originX: 'start', originY: 'top', overlayX: 'end', overlayY: 'top', offsetX: -10 },
  { originX: 'center', originY: 'bottom', overlayX: 'center', overlayY: 'top', offsetY: 8 },
];

export type PanelTab = 'codes' | 'comments';
const PANEL_KEY = 'tolk.panel';
const VIEW_KEY = 'tolk.codingView';
/** Below this width the side panel lies over the text (document.page.scss says the same). */
const NARROW = 1000;
const LINE_NUMBERS_KEY = 'tolk.lineNumbers';
/** How long the keys must rest before a keyboard resize is saved. */
const RESIZE_REST_MS = 700;
/** The mode is remembered per person and transcript: `tolk.mode.<userId>.<documentId>`. */
const MODE_KEY = 'tolk.mode';

/**
 * What happens between the transcript and the coding tools on one document
 * page: the selection and its floating actions, the code picker, a coding's
 * card, which passage is tinted, the side panel's tab, and the passage a new
 * comment is about. The page binds to it; the stores hold the data.
 */
@Injectable()
export class CodingUi {
  private readonly injector = inject(Injector);
  private readonly coding = inject(CodingStore);
  private readonly comments = inject(CommentStore);
  private readonly dialog = inject(MatDialog);
  private readonly i18n = inject(I18n);
  private readonly announcer = inject(LiveAnnouncer);

  /** Set by the page once the live editor exists. */
  editor: TranscriptEditor | null = null;

  readonly selection = signal<TextSelection | null>(null);
  readonly hovered = signal<string | null>(null);
  readonly opened = signal<string | null>(null);
  readonly picking = signal<TextRange | null>(null);
  readonly selectedThread = signal<string | null>(null);
  readonly commentTarget = signal<CommentTarget | null>(null);
  /** Beside the text on a wide screen; over it, and closed at first, on a narrow one. */
  readonly panelOpen = signal(readStored(PANEL_KEY, window.innerWidth >= NARROW ? 'open' : 'closed') !== 'closed');
  readonly tab = signal<PanelTab>('codes');
  /** How codings show in the text; one choice for every transcript. */
  readonly codingView = signal<CodingView>(parseView(readStored(VIEW_KEY, 'both')));
  /**
   * For people who may edit the text: typing edits it ('edit'), or the text is
   * read and coded and single keys code ('code'). Reading is the safe default:
   * editing interview text is a choice made on purpose, per transcript.
   */
  readonly mode = signal<'edit' | 'code'>('code');
  private modeKey: string | null = null;
  /** Line numbers in the margin, for citing; on unless this person turned them off. */
  readonly lineNumbers = signal(true);
  private lineNumbersKey: string | null = null;

  /** Raised when the comment box should take focus (after the tab has rendered). */
  readonly composerRequest = signal(0);

  readonly highlight = computed<Highlight | null>(() => {
    const byId = (id: string | null) =>
      id ? this.coding.placed().find((p) => p.coding.id === id && p.status === 'ok') : undefined;
    const hovered = byId(this.hovered()) ?? byId(this.opened());
    if (hovered) return { from: hovered.from, to: hovered.to, color: hovered.code?.color ?? '#777777' };
    const picking = this.picking();
    if (picking) return { ...picking, color: '#1a5fb4' };
    const thread = this.selectedThread();
    const placed = thread ? this.comments.placed().find((p) => p.thread.id === thread && p.status === 'ok') : undefined;
    if (placed) return { from: placed.from, to: placed.to, color: '#a66a00' };
    return this.passage();
  });

  /** The selected coding gets handles on its ends when this person may change it. */
  readonly resizeTarget = computed<ResizeTarget | null>(() => {
    const id = this.opened();
    if (!id || !this.coding.canCode()) return null;
    const p = this.coding.placed().find((c) => c.coding.id === id && c.status === 'ok');
    return p ? { id, from: p.from, to: p.to, color: p.code?.color ?? '#777777' } : null;
  });
  /** Keys move an end a word at a time; the new extent is saved once the keys rest. */
  private pendingResize: { id: string; range: TextRange; timer: ReturnType<typeof setTimeout> } | null = null;

  /** A passage linked to from elsewhere (analysis, search), tinted until something else is. */
  readonly passage = signal<Highlight | null>(null);

  private card: Popover<CodingCard> | null = null;
  private picker: Popover<CodePicker> | null = null;
  private readonly follow = (): void => this.followCard();

  constructor() {
    window.addEventListener('scroll', this.follow, { passive: true, capture: true });
    window.addEventListener('resize', this.follow, { passive: true });
    inject(DestroyRef).onDestroy(() => {
      window.removeEventListener('scroll', this.follow, { capture: true });
      window.removeEventListener('resize', this.follow);
      this.card?.close();
      this.picker?.close();
      this.flushResize();
    });
  }

  /** Take up the mode this person last chose in this transcript (code mode the first time). */
  rememberModeFor(userId: string, documentId: string): void {
    this.modeKey = `${MODE_KEY}.${userId}.${documentId}`;
    this.mode.set(readStored(this.modeKey, 'code') === 'edit' ? 'edit' : 'code');
  }

  /** Take up whether this person wants line numbers (remembered per person, for every transcript). */
  rememberLineNumbersFor(userId: string): void {
    this.lineNumbersKey = `${LINE_NUMBERS_KEY}.${userId}`;
    this.lineNumbers.set(readStored(this.lineNumbersKey, 'on') !== 'off');
  }

  toggleLineNumbers(): void {
    const on = !this.lineNumbers();
    this.lineNumbers.set(on);
    if (this.lineNumbersKey) store(this.lineNumbersKey, on ? 'on' : 'off');
  }

  setMode(mode: 'edit' | 'code'): void {
    this.mode.set(mode);
    if (this.modeKey) store(this.modeKey, mode);
  }

  showCodings(view: CodingView): void {
    this.codingView.set(view);
    store(VIEW_KEY, view);
  }

  togglePanel(): void {
    const open = !this.panelOpen();
    this.panelOpen.set(open);
    store(PANEL_KEY, open ? 'open' : 'closed');
  }

  onShortcut(command: CodingShortcut, origin: HTMLElement | null): void {
    if (command === 'pick') this.openPicker(origin);
    else if (command === 'comment') this.startComment();
    else void this.applyKey(command);
  }

  /**
   * The selected passage as the editor has it now. A key pressed right after
   * the mouse is released comes before the floating actions are measured, so
   * the editor's own state is asked first.
   */
  private range(): TextRange | null {
    const now = this.editor?.selection();
    if (now) return now;
    const measured = this.selection();
    return measured ? { from: measured.from, to: measured.to } : null;
  }

  /** The searchable code picker for the selected passage. */
  openPicker(button: HTMLElement | null): void {
    const range = this.range();
    if (!range || !this.coding.canCode()) return;
    const rect = button ? null : this.editor?.selectionEndRect();
    const origin = button ?? (rect ? toOrigin(rect) : null);
    if (!origin) return;
    this.picker?.close();
    this.card?.close();
    this.picking.set(range);
    const picker = openPopover(this.injector, CodePicker, origin, {
      positions: PICKER_POSITIONS,
      closed: () => {
        if (this.picker === picker) this.picker = null;
        this.picking.set(null);
      },
      returnFocus: () => this.editor?.focus(),
    });
    this.picker = picker;
    const ref = picker.component;
    ref.setInput('codes', this.coding.flat());
    ref.setInput('canCreate', this.coding.canEditCodebook());
    ref.setInput('heading', this.i18n.t('picker.title'));
    const done = (applied: boolean) => {
      if (applied) this.editor?.collapseSelection();
    };
    ref.instance.picked.subscribe(async (codeId) => {
      picker.close();
      done(await this.coding.apply(codeId, range));
    });
    ref.instance.create.subscribe(async (name) => {
      picker.close();
      const code = await this.coding.createCode(name);
      if (code) done(await this.coding.apply(code.id, range));
    });
  }

  /** Digits 1–9 and 0: the code that has this key, straight onto the selection. */
  async applyKey(key: ShortcutKey): Promise<void> {
    const range = this.range();
    if (!range || !this.coding.canCode()) return;
    const code: Code | undefined = this.coding.byShortcut().get(key);
    if (!code) {
      this.announcer.announce(this.i18n.t('picker.noCodeOnKey', { key }), 'polite');
      return;
    }
    await this.coding.apply(code.id, range);
  }

  /** A coding's card, beside its stripe (or beside what opened it). */
  openCard(id: string, origin?: DOMRect | HTMLElement | null): void {
    this.picker?.close();
    this.card?.close();
    const placed = this.coding.placed().find((p) => p.coding.id === id);
    const rect = origin ?? (placed ? this.editor?.stripeRect(id, placed.from) : null);
    if (!rect) return;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    this.opened.set(id);
    const card = openPopover(this.injector, CodingCard, toOrigin(rect), {
      positions: CARD_POSITIONS,
      closed: () => {
        if (this.card === card) this.card = null;
        this.flushResize();
        if (this.opened() === id) this.opened.set(null);
      },
      returnFocus: () => (returnTo && returnTo.isConnected ? returnTo.focus() : this.editor?.focus()),
    });
    this.card = card;
    card.component.setInput('codingId', id);
    card.component.instance.closed.subscribe(() => card.close());
    card.component.instance.nudge.subscribe(({ edge, dir }) => this.nudge(edge, dir));
  }

  /** A handle was let go: save the coding's new extent. */
  async resize(id: string, range: TextRange): Promise<void> {
    const placed = this.coding.placed().find((p) => p.coding.id === id);
    const saved = placed ? await this.coding.resize(placed.coding, range) : false;
    if (!saved) this.editor?.clearResizePreview();
  }

  /**
   * Shift+← / Shift+→ on the selected coding's card: its end a word left or
   * right; with Alt, its start. Shown at once, saved as one version when the
   * keys rest (or the card closes).
   */
  nudge(edge: Edge, dir: 1 | -1): void {
    const id = this.opened();
    if (!id || !this.resizeTarget()) return;
    const range = this.editor?.nudge(edge, dir);
    if (!range) return;
    if (this.pendingResize) clearTimeout(this.pendingResize.timer);
    this.pendingResize = { id, range, timer: setTimeout(() => this.flushResize(), RESIZE_REST_MS) };
  }

  private flushResize(): void {
    const pending = this.pendingResize;
    if (!pending) return;
    clearTimeout(pending.timer);
    this.pendingResize = null;
    void this.resize(pending.id, pending.range);
  }

  /** From the codings list: bring the words into view, then open the card by the stripe. */
  showCoding(id: string): void {
    const placed = this.coding.placed().find((p) => p.coding.id === id);
    if (!placed) return;
    if (placed.status !== 'ok') {
      this.openCard(id, document.activeElement instanceof HTMLElement ? document.activeElement : null);
      return;
    }
    if (this.coding.filterCodeId() && this.coding.filterCodeId() !== placed.coding.codeId)
      this.coding.filterCodeId.set(null);
    this.editor?.reveal(placed.from);
    // The stripe is drawn in CodeMirror's next measure, after the scroll.
    requestAnimationFrame(() => requestAnimationFrame(() => this.openCard(id)));
  }

  /** Bring a linked passage into view and tint it. */
  showPassage(range: TextRange): void {
    this.passage.set({ ...range, color: '#c49a00' });
    requestAnimationFrame(() => this.editor?.reveal(range.from));
  }

  /** "Comment" on the selection: anchor it now, then write in the panel. */
  startComment(): void {
    const range = this.range();
    if (!this.comments.canComment()) return;
    if (range) this.commentTarget.set(this.comments.target(range));
    if (!this.panelOpen()) this.togglePanel();
    this.tab.set('comments');
    this.composerRequest.update((n) => n + 1);
  }

  showThread(p: PlacedThread): void {
    this.selectedThread.set(p.thread.id);
    // After this frame: the editor may only now have appeared (a link to a comment).
    if (p.status === 'ok') requestAnimationFrame(() => this.editor?.reveal(p.from));
  }

  /** Open the comments on a thread (from a mention), the thread chosen. */
  focusThread(commentId: string): void {
    const thread = this.comments.threads().find((t) => t.id === commentId || t.replies.some((r) => r.id === commentId));
    if (!this.panelOpen()) this.togglePanel();
    this.tab.set('comments');
    if (!thread) return;
    if (thread.resolved) this.comments.showResolved.set(true);
    const placed = this.comments.placed().find((p) => p.thread.id === thread.id);
    if (placed) this.showThread(placed);
  }

  /** A memo on the selected passage: made now and opened to write in. */
  async startSegmentMemo(): Promise<void> {
    const range = this.range();
    if (!range || range.from === range.to || !this.comments.canComment()) return;
    const memo = await this.comments.createSegmentMemo(range);
    if (memo) this.openMemo({ target: { kind: 'memo', id: memo.id }, name: memo.title, canWrite: true });
  }

  openMemo(data: MemoDialogData): void {
    this.dialog.open<MemoDialog, MemoDialogData>(MemoDialog, {
      data,
      width: '36rem',
      maxWidth: '95vw',
      injector: this.injector,
    });
  }

  /** The card follows its stripe while the page scrolls. */
  private followCard(): void {
    const id = this.opened();
    if (!id || !this.card) return;
    const placed = this.coding.placed().find((p) => p.coding.id === id);
    if (!placed || placed.status !== 'ok') return;
    const rect = this.editor?.stripeRect(id, placed.from);
    if (rect) this.card.moveTo(toOrigin(rect));
  }
}

function toOrigin(origin: DOMRect | HTMLElement) {
  if (origin instanceof HTMLElement) return origin;
  return { x: origin.left, y: origin.top, width: origin.width, height: origin.height };
}

function parseView(value: string): CodingView {
  return value === 'highlights' || value === 'stripes' ? value : 'both';
}

function readStored(key: string, fallback: string): string {
  try {
    return localStorage.getItem(key) ?? fallback;
  } catch {
    return fallback;
  }
}

function store(key: string, value: string): void {
  try {
    localStorage.setItem(key, value);
  } catch {
    // Private mode: the choice lasts for this page.
  }
}
