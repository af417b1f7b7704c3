/**
 * The main menu's shape (pure): a short menu stays a row of links; a long one (a coordinator holds 16 entries, which
 * wrapped over two lines) keeps its ungrouped entries as links and gathers the others into disclosure menus
 * ("Cazuri", "Servicii", "Subvenții", "Rapoarte", "Administrare"), in the order of their first entry. A group the
 * user has one entry of is shown as that entry's link.
 */

export interface MenuItemEntry {
  key: string;
  label: string;
  href: string;
  group?: string;
  /** the label inside its group, when it differs („Subvenții” → „Rulările lunare” under „Subvenții”) */
  inGroup?: string;
}

export type MenuNode<E extends MenuItemEntry = MenuItemEntry> =
  | { kind: 'link'; entry: E }
  | { kind: 'group'; key: string; label: string; entries: E[] };

/** Up to this many entries the menu is one row of links. */
export const FLAT_MENU_MAX = 6;

export function menuTree<E extends MenuItemEntry>(entries: readonly E[], groups: readonly { key: string; label: string }[], flatMax = FLAT_MENU_MAX): MenuNode<E>[] {
  if (entries.length <= flatMax) return entries.map((entry) => ({ kind: 'link', entry }));
  const out: MenuNode<E>[] = [];
  const byGroup = new Map<string, Extract<MenuNode<E>, { kind: 'group' }>>();
  for (const entry of entries) {
    const g = entry.group ? groups.find((x) => x.key === entry.group) : undefined;
    if (!g) {
      out.push({ kind: 'link', entry });
      continue;
    }
    let node = byGroup.get(g.key);
    if (!node) {
      node = { kind: 'group', key: g.key, label: g.label, entries: [] };
      byGroup.set(g.key, node);
      out.push(node);
    }
    node.entries.push(entry);
  }
  return out.map((n) => (n.kind === 'group' && n.entries.length === 1 ? { kind: 'link', entry: n.entries[0]! } : n));
}

/** The group holding the current page (its button is marked), if any. */
export function groupOf(tree: readonly MenuNode[], currentKey: string | undefined): string | undefined {
  if (!currentKey) return undefined;
  for (const n of tree) if (n.kind === 'group' && n.entries.some((e) => e.key === currentKey)) return n.key;
  return undefined;
}
