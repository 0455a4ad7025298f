import type { Note } from '@haven/contracts';
import type { NoteEntity } from './note.entity.js';

export function toNote(entity: NoteEntity, body: string, editableUntil: Date): Note {
  return {
    id: entity.id,
    body,
    author: { id: entity.authorId, displayName: entity.author?.displayName ?? '' },
    createdAt: entity.createdAt.toISOString(),
    editedAt: entity.editedAt ? entity.editedAt.toISOString() : null,
    editableUntil: editableUntil.toISOString(),
    version: entity.version,
  };
}
