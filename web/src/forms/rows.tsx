/** One removable row of a list (an objective, a service, a need). */
import type { ComponentChildren } from 'preact';

export function ListRow({ title, onRemove, removeLabel, children, canRemove = true }: { title: string; onRemove: () => void; removeLabel: string; children: ComponentChildren; canRemove?: boolean }) {
  return (
    <div class="list-row" role="group" aria-label={title}>
      <p class="list-row-title">{title}</p>
      <div class="list-row-fields">{children}</div>
      {canRemove && (
        <button type="button" class="secondary small" onClick={onRemove}>
          {removeLabel}
        </button>
      )}
    </div>
  );
}
