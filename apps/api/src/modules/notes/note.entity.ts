import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { UserEntity } from '../../core/users/user.entity.js';

/** A case note: the body is sealed under the case key, like the identity. Notes are never deleted. */
@Entity({ schema: 'app', name: 'case_note' })
export class NoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId!: string;

  @Column({ name: 'sealed_body', type: 'bytea' })
  sealedBody!: Buffer;

  @Column({ name: 'author_id', type: 'uuid' })
  authorId!: string;

  @ManyToOne(() => UserEntity)
  @JoinColumn({ name: 'author_id' })
  author?: Relation<UserEntity>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt!: Date | null;

  /** Optimistic concurrency for edits (see NotesRepository.updateIfVersion). */
  @Column('integer')
  version!: number;
}
