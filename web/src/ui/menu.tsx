/**
 * The main menu (shell): links, and for a long menu disclosure buttons that open a group's links (ui/menu-tree.ts).
 * Keyboard: Enter/Space opens a group, ArrowDown opens it and moves into it, ArrowUp/ArrowDown move between its links,
 * Escape closes it and returns to its button; a click elsewhere, focus leaving the group or navigating closes it.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { groupOf, menuTree, type MenuItemEntry } from './menu-tree.js';

export function MainMenu({ entries, groups, current, path }: { entries: readonly MenuItemEntry[]; groups: readonly { key: string; label: string }[]; current: string | undefined; path: string }) {
  const tree = menuTree(entries, groups);
  const currentGroup = groupOf(tree, current);
  const [open, setOpen] = useState<string | undefined>();
  const navRef = useRef<HTMLElement>(null);

  useEffect(() => setOpen(undefined), [path]);
  useEffect(() => {
    if (!open) return;
    const outside = (e: Event) => {
      const li = navRef.current?.querySelector(`[data-group="${open}"]`);
      if (li && !li.contains(e.target as Node)) setOpen(undefined);
    };
    document.addEventListener('click', outside);
    document.addEventListener('focusin', outside);
    return () => {
      document.removeEventListener('click', outside);
      document.removeEventListener('focusin', outside);
    };
  }, [open]);

  const linksOf = (key: string) => [...(navRef.current?.querySelectorAll<HTMLAnchorElement>(`#meniu-${key} a`) ?? [])];
  const focusLink = (key: string, i: number) => requestAnimationFrame(() => {
    const links = linksOf(key);
    links[(i + links.length) % links.length]?.focus();
  });

  return (
    <nav aria-label="Meniul principal" ref={navRef}>
      <ul>
        {tree.map((n) =>
          n.kind === 'link' ? (
            <li key={n.entry.key}>
              <a href={n.entry.href} aria-current={n.entry.key === current ? 'page' : undefined}>
                {n.entry.label}
              </a>
            </li>
          ) : (
            <li key={n.key} class="menu-group" data-group={n.key}>
              <button
                type="button"
                class={n.key === currentGroup ? 'menu-button current' : 'menu-button'}
                aria-expanded={open === n.key}
                aria-controls={`meniu-${n.key}`}
                onClick={() => setOpen(open === n.key ? undefined : n.key)}
                onKeyDown={(e) => {
                  if (e.key === 'ArrowDown') {
                    e.preventDefault();
                    setOpen(n.key);
                    focusLink(n.key, 0);
                  } else if (e.key === 'Escape' && open === n.key) setOpen(undefined);
                }}
              >
                {n.label}
                <span class="menu-caret" aria-hidden="true">▾</span>
              </button>
              <ul
                id={`meniu-${n.key}`}
                class="menu-list"
                hidden={open !== n.key}
                onKeyDown={(e) => {
                  const links = linksOf(n.key);
                  const i = links.indexOf(document.activeElement as HTMLAnchorElement);
                  if (e.key === 'Escape') {
                    e.preventDefault();
                    setOpen(undefined);
                    (navRef.current?.querySelector(`[data-group="${n.key}"] button`) as HTMLButtonElement | null)?.focus();
                  } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
                    e.preventDefault();
                    focusLink(n.key, i + (e.key === 'ArrowDown' ? 1 : -1));
                  }
                }}
              >
                {n.entries.map((e) => (
                  <li key={e.key}>
                    <a href={e.href} aria-current={e.key === current ? 'page' : undefined}>
                      {e.inGroup ?? e.label}
                    </a>
                  </li>
                ))}
              </ul>
            </li>
          ),
        )}
      </ul>
    </nav>
  );
}
