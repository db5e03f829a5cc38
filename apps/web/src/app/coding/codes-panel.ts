import { ChangeDetectionStrategy, Component, Injector, computed, inject, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatMenuModule } from '@angular/material/menu';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { Code } from '@tolk/contracts';
import { firstValueFrom } from 'rxjs';
import { errorReason, errorStatus } from '../core/http/api-error';
import { TranslocoDirective } from '@jsverse/transloco';
import { I18n } from '../core/i18n/i18n.service';
import { Notify } from '../core/notify.service';
import { confirm } from '../shared/ui/confirm-dialog';
import { Icon } from '../shared/ui/icon';
import { ChooseCodeDialog, type ChooseCodeData, type ChooseCodeResult } from './choose-code.dialog';
import { CodeDialog, type CodeDialogData } from './code.dialog';
import { type CodeNode, matchesQuery, subtreeIds } from './code-tree';
import { CodingStore, type PlacedCoding } from './coding.store';
import {
  ExchangeImportDialog,
  type ExchangeImportData,
  type ExchangeImportResult,
} from '../exchange/exchange-import.dialog';

/**
 * The codebook beside the transcript: the tree with colours and how often
 * each code is used in this document; filter the stripes to one code; and,
 * for owners and coders, add, rename, recolour, nest (drag, or "Move to…"),
 * merge and delete. Below it, every coding of the document as a list: the
 * keyboard way to the stripes, and the place where codings whose words were
 * deleted are still found.
 */
@Component({
  selector: 'tolk-codes-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButtonModule, MatMenuModule, MatTooltipModule, Icon, TranslocoDirective],
  templateUrl: './codes-panel.html',
  styleUrl: './codes-panel.scss',
})
export class CodesPanel {
  protected readonly store = inject(CodingStore);
  private readonly dialog = inject(MatDialog);
  private readonly notify = inject(Notify);
  private readonly i18n = inject(I18n);
  /** Dialogs need this page's stores, which the root injector does not know. */
  private readonly injector = inject(Injector);

  /** Open a coding's card (and bring its words into view). */
  readonly openCoding = output<string>();
  /** Open the memo of a code. */
  readonly openMemo = output<Code>();

  protected readonly query = signal('');
  protected readonly codingsOpen = signal(false);
  /** The code being dragged, and the row it is over ('' = the top level). */
  protected readonly dragging = signal<string | null>(null);
  protected readonly dropTarget = signal<string | null>(null);

  /** While searching: matching codes with their parents, so the tree still reads. */
  protected readonly visible = computed(() => {
    const query = this.query();
    const flat = this.store.flat();
    if (!query.trim()) return flat;
    const keep = new Set<string>();
    const byId = this.store.nodeById();
    for (const node of flat) {
      if (!matchesQuery(node.code.name, query)) continue;
      for (let id: string | null = node.code.id; id && !keep.has(id); id = byId.get(id)?.code.parentId ?? null)
        keep.add(id);
    }
    return flat.filter((n) => keep.has(n.code.id));
  });
  protected readonly filterCode = computed(() => {
    const id = this.store.filterCodeId();
    return id ? (this.store.codes().find((c) => c.id === id) ?? null) : null;
  });
  protected readonly listed = computed(() => {
    const filter = this.store.filterCodeId();
    return this.store.placed().filter((p) => !filter || p.coding.codeId === filter);
  });
  protected readonly deletedCount = computed(() => this.store.placed().filter((p) => p.status === 'deleted').length);

  /** The code's definition on hover: its description and when to use it. */
  protected tooltip(code: Code): string {
    const when = code.whenToUse ? this.i18n.t('codes.tooltipWhenToUse', { text: code.whenToUse }) : '';
    return [code.description, when].filter(Boolean).join('\n');
  }

  protected count(code: Code): number {
    return this.store.counts().get(code.id) ?? 0;
  }

  protected toggleFilter(code: Code): void {
    this.store.filterCodeId.update((current) => (current === code.id ? null : code.id));
  }

  protected async add(parent: Code | null = null): Promise<void> {
    await this.openCodeDialog({ parent });
  }

  protected async edit(code: Code): Promise<void> {
    await this.openCodeDialog({ code });
  }

  protected async move(code: Code): Promise<void> {
    const result = await this.choose({ code, mode: 'move' });
    if (result) await this.moveTo(code, result.target);
  }

  protected async merge(code: Code): Promise<void> {
    const result = await this.choose({ code, mode: 'merge' });
    const into = result?.target ? this.store.codes().find((c) => c.id === result.target) : undefined;
    if (!into) return;
    const yes = await confirm(this.dialog, {
      title: 'codes.merge.confirmTitle',
      message: 'codes.merge.confirmMessage',
      confirm: 'codes.merge.confirm',
      params: { name: code.name, into: into.name },
    });
    if (yes) await this.store.mergeCode(code, into);
  }

  protected async remove(code: Code): Promise<void> {
    const yes = await confirm(this.dialog, {
      title: 'codes.delete.title',
      message: 'codes.delete.message',
      confirm: 'codes.delete.confirm',
      params: { name: code.name },
      destructive: true,
    });
    if (!yes) return;
    try {
      await this.store.deleteCode(code, false);
      this.notify.info('codes.deleted', { name: code.name });
    } catch (err) {
      if (errorStatus(err) !== 409) {
        this.notify.error('codes.deleteFailed', err);
        return;
      }
      const codings = errorReason(err)?.params['codings'];
      await this.removeInUse(code, typeof codings === 'number' ? codings : null);
    }
  }

  protected open(p: PlacedCoding): void {
    this.openCoding.emit(p.coding.id);
  }

  // Drag a code onto another to nest it there, or onto the top-level zone.
  protected dragStart(event: DragEvent, code: Code): void {
    if (!this.store.canEditCodebook() || !event.dataTransfer) return;
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', code.name);
    this.dragging.set(code.id);
  }

  protected dragOver(event: DragEvent, target: Code | null): void {
    const dragged = this.dragging();
    if (!dragged || !this.canDropOn(dragged, target)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
    this.dropTarget.set(target?.id ?? '');
  }

  protected dragLeave(target: Code | null): void {
    if (this.dropTarget() === (target?.id ?? '')) this.dropTarget.set(null);
  }

  protected async drop(event: DragEvent, target: Code | null): Promise<void> {
    event.preventDefault();
    const dragged = this.store.codes().find((c) => c.id === this.dragging());
    this.dragEnd();
    if (!dragged || !this.canDropOn(dragged.id, target)) return;
    await this.moveTo(dragged, target?.id ?? null);
  }

  protected dragEnd(): void {
    this.dragging.set(null);
    this.dropTarget.set(null);
  }

  protected parentName(node: CodeNode): string | null {
    return node.path.length > 1 ? node.path[node.path.length - 2] : null;
  }

  protected statusKey(p: PlacedCoding) {
    return p.status === 'deleted' ? ('coding.textDeleted' as const) : ('coding.notYetHere' as const);
  }

  private canDropOn(draggedId: string, target: Code | null): boolean {
    const dragged = this.store.codes().find((c) => c.id === draggedId);
    if (!dragged) return false;
    if (!target) return dragged.parentId !== null;
    return target.id !== dragged.parentId && !subtreeIds(this.store.codes(), draggedId).has(target.id);
  }

  private async moveTo(code: Code, parentId: string | null): Promise<void> {
    const moved = await this.store.updateCode(code, { parentId });
    if (!moved) return;
    const parent = parentId ? this.store.codes().find((c) => c.id === parentId) : null;
    this.notify.info(parent ? 'codes.moved' : 'codes.movedTop', { name: code.name, parent: parent?.name ?? '' });
  }

  /** The api said codings use the code: say so, and offer to delete them too. */
  /** `count`: how many codings use the code, as the server's `code_in_use` said (null if it did not). */
  private async removeInUse(code: Code, count: number | null): Promise<void> {
    const yes = await confirm(this.dialog, {
      title: 'codes.delete.inUseTitle',
      message: count !== null ? 'codes.delete.inUseCount' : 'codes.delete.inUse',
      confirm: 'codes.delete.force',
      params: { name: code.name, count: count ?? 0 },
      destructive: true,
    });
    if (!yes) return;
    try {
      await this.store.deleteCode(code, true);
      this.notify.info('codes.deleted', { name: code.name });
    } catch (err) {
      this.notify.error('codes.deleteFailed', err);
    }
  }

  private async openCodeDialog(data: CodeDialogData): Promise<void> {
    const ref = this.dialog.open<CodeDialog, CodeDialogData, Code>(CodeDialog, {
      data,
      width: '28rem',
      maxWidth: '95vw',
      injector: this.injector,
    });
    const code = await firstValueFrom(ref.afterClosed());
    if (code && !data.code) this.notify.info('codes.created', { name: code.name });
  }

  private async choose(data: ChooseCodeData): Promise<ChooseCodeResult | undefined> {
    const ref = this.dialog.open<ChooseCodeDialog, ChooseCodeData, ChooseCodeResult>(ChooseCodeDialog, {
      data,
      width: '26rem',
      maxWidth: '95vw',
      injector: this.injector,
    });
    return firstValueFrom(ref.afterClosed());
  }

  /** A .qdc from another tool: its codes join this codebook (the summary says what was already here). */
  protected async importCodebook(): Promise<void> {
    const projectId = this.store.currentProjectId;
    if (!projectId) return;
    const ref = this.dialog.open<ExchangeImportDialog, ExchangeImportData, ExchangeImportResult>(ExchangeImportDialog, {
      data: { kind: 'codebook', projectId },
      width: '34rem',
      maxWidth: '95vw',
    });
    if (await firstValueFrom(ref.afterClosed())) await this.store.load();
  }
}
