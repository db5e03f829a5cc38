import { EditorView } from '@codemirror/view';

const sans = 'var(--mat-sys-body-large-font)';

/**
 * A page, not a code editor: the reading face and leading of the old reading
 * view, no gutters, the app's colours. Remote cursors keep y-codemirror.next's
 * structure; their name labels are always shown, small and in the sans face,
 * so you see who is typing where without hovering.
 */
export const transcriptTheme = EditorView.theme({
  '&': {
    color: 'var(--mat-sys-on-surface)',
    backgroundColor: 'transparent',
  },
  // Focus: a quiet bar in the margin rather than a box around the text, so
  // the page still reads as a page while you type in it.
  '&.cm-focused': {
    outline: 'none',
  },
  '&::before': {
    content: '""',
    position: 'absolute',
    top: '0.25rem',
    bottom: '0.25rem',
    left: '-1rem',
    width: '3px',
    borderRadius: '2px',
  },
  '&.cm-focused::before': {
    background: 'var(--mat-sys-primary)',
  },
  '.cm-scroller': {
    fontFamily: 'var(--tolk-reading-font)',
    lineHeight: '1.65',
    // The page scrolls, not the editor; labels above the first line stay visible.
    overflow: 'visible',
  },
  '.cm-content': {
    padding: '0',
    caretColor: 'var(--mat-sys-primary)',
    fontVariantLigatures: 'common-ligatures',
  },
  '.cm-line': {
    padding: '0',
  },
  '.cm-cursor, .cm-dropCursor': {
    borderLeft: '2px solid var(--mat-sys-primary)',
  },
  '.cm-placeholder': {
    color: 'var(--mat-sys-on-surface-variant)',
    fontStyle: 'italic',
  },
  '.tolk-speaker': {
    fontFamily: sans,
    fontSize: '0.9em',
    fontWeight: '600',
    letterSpacing: '0.01em',
    color: 'var(--mat-sys-primary)',
  },
  // Someone else's caret: a thin bar in their colour with their name above.
  '.cm-ySelectionCaret': {
    borderLeftWidth: '2px',
    borderRightWidth: '0',
    marginLeft: '-1px',
    marginRight: '-1px',
  },
  '.cm-ySelectionCaretDot': {
    display: 'none',
  },
  '.cm-ySelectionInfo': {
    opacity: '1',
    top: '-1.45em',
    left: '-2px',
    padding: '0.0625rem 0.375rem',
    borderRadius: '4px 4px 4px 0',
    fontFamily: sans,
    fontSize: '0.6875rem',
    fontWeight: '600',
    lineHeight: '1.35',
    letterSpacing: '0.01em',
    color: '#fff',
    pointerEvents: 'none',
  },
});
