import type { Role } from '../db/schema';

/**
 * What each role may do. Viewers read everything; technicians also work recalls and the
 * inventory; admins also manage accounts.
 */
export type Permission = 'read' | 'work' | 'admin';

const granted: Record<Role, Permission[]> = {
  viewer: ['read'],
  technician: ['read', 'work'],
  admin: ['read', 'work', 'admin'],
};

export const can = (role: Role, permission: Permission) => granted[role].includes(permission);

export const roleLabels: Record<Role, string> = {
  admin: 'Admin: everything, including accounts',
  technician: 'Technician: works recalls and the inventory',
  viewer: 'Viewer: reads only',
};

/**
 * Whether a role sees an incident's patient section (identifier, age, sex, weight, history).
 * Minimum necessary (HIPAA): those who investigate and report need it; a viewer reading the
 * record for oversight does not, and reads its free text with patient identifiers withheld.
 */
export const seesPatient = (role: Role) => can(role, 'work');
