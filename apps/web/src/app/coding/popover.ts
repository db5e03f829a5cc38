import {
  type FlexibleConnectedPositionStrategyOrigin,
  type ConnectedPosition,
  type OverlayRef,
  createFlexibleConnectedPositionStrategy,
  createOverlayRef,
  createRepositionScrollStrategy,
} from '@angular/cdk/overlay';
import { ComponentPortal } from '@angular/cdk/portal';
import type { ComponentRef, Injector, Type } from '@angular/core';

export interface Popover<T> {
  component: ComponentRef<T>;
  /** Move it next to a new place (the passage scrolled, the stripe moved). */
  moveTo(origin: FlexibleConnectedPositionStrategyOrigin): void;
  close(): void;
}

export interface PopoverOptions {
  positions: ConnectedPosition[];
  /** Called once, however it closes (Escape, a click outside, `close()`). */
  closed?: () => void;
  /** Where focus goes back to after closing. */
  returnFocus?: () => void;
}

/**
 * A small non-modal panel next to something on the page: the code picker by
 * a selection, a coding's details by its stripe. No backdrop, so a click on
 * another stripe both closes this one and opens the next; Escape closes.
 */
export function openPopover<T>(
  injector: Injector,
  component: Type<T>,
  origin: FlexibleConnectedPositionStrategyOrigin,
  options: PopoverOptions,
): Popover<T> {
  const strategy = createFlexibleConnectedPositionStrategy(injector, origin)
    .withPositions(options.positions)
    .withViewportMargin(8)
    .withPush(true)
    .withFlexibleDimensions(false);
  const ref: OverlayRef = createOverlayRef(injector, {
    positionStrategy: strategy,
    scrollStrategy: createRepositionScrollStrategy(injector),
    panelClass: 'tolk-popover-pane',
  });
  const componentRef = ref.attach(new ComponentPortal(component, null, injector));
  let open = true;
  // Content that grows (a history loading) must stay on screen: place it again.
  const resize = new ResizeObserver(() => ref.updatePosition());
  resize.observe(ref.overlayElement);
  const close = (restoreFocus: boolean): void => {
    if (!open) return;
    open = false;
    resize.disconnect();
    subscriptions.forEach((s) => s.unsubscribe());
    ref.dispose();
    options.closed?.();
    if (restoreFocus) options.returnFocus?.();
  };
  const subscriptions = [
    ref.keydownEvents().subscribe((event) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        close(true);
      }
    }),
    // The click goes on to whatever was clicked; focus goes there too.
    ref.outsidePointerEvents().subscribe(() => close(false)),
  ];
  return {
    component: componentRef,
    moveTo: (next) => {
      if (!open) return;
      strategy.setOrigin(next);
      ref.updatePosition();
    },
    close: () => close(true),
  };
}
