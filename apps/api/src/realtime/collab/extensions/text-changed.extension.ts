import { Injectable } from '@nestjs/common';
import { isMemoKey } from '../../../documents/live-key.js';
import { DomainEvents } from '../../../platform/domain-events.js';
import type { LiveChange, LiveExtension } from '../live-extension.js';

/**
 * Tells the rest of the server that a transcript's text changed
 * (`document.textChanged`, after every committed change, this instance's or
 * another's): codings re-resolve their offsets from it. Memos have no codings.
 */
@Injectable()
export class TextChangedExtension implements LiveExtension {
  readonly name = 'text-changed';
  readonly priority = 20;

  constructor(private readonly events: DomainEvents) {}

  afterCommit({ projectId, documentId, origin }: LiveChange): void {
    if (isMemoKey(documentId)) return;
    this.events.emit('document.textChanged', { projectId, documentId, elsewhere: origin.kind === 'elsewhere' });
  }
}
