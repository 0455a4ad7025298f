import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { ShelterRoomEntity } from './shelter-room.entity.js';

/**
 * A bed in a room. A bed taken out of use stays (past stays name it) but no longer
 * counts in the shelter's capacity nor takes placements.
 */
@Entity({ schema: 'app', name: 'shelter_bed' })
export class ShelterBedEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'shelter_id', type: 'uuid' })
  shelterId!: string;

  @Column({ name: 'room_id', type: 'uuid' })
  roomId!: string;

  @ManyToOne(() => ShelterRoomEntity)
  @JoinColumn({ name: 'room_id' })
  room?: Relation<ShelterRoomEntity>;

  @Column('text')
  label!: string;

  /** Order within the shelter (rooms' beds in the order they were added). */
  @Column('integer')
  position!: number;

  @Column('boolean')
  accessible!: boolean;

  @Column('boolean')
  active!: boolean;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
