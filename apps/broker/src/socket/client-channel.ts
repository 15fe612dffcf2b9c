/**
 * The connection a request came from. Local sockets are used directly; a socket held by another
 * broker (a forwarded request) is reached through the adapter by its id.
 */
import type { Server, Socket } from "socket.io";

export interface ClientChannel {
  id: string;
  emit(event: string, payload: unknown): void;
  /** Whether the connection has joined this room (a forwarding broker checked it already). */
  isIn(room: string): boolean;
  join(room: string): Promise<void>;
  leave(room: string): Promise<void>;
}

export function localChannel(socket: Socket): ClientChannel {
  return {
    id: socket.id,
    emit: (event, payload) => void socket.emit(event, payload),
    isIn: (room) => socket.rooms.has(room),
    join: async (room) => socket.join(room),
    leave: async (room) => socket.leave(room),
  };
}

export function remoteChannel(io: Server, socketId: string): ClientChannel {
  return {
    id: socketId,
    emit: (event, payload) => void io.to(socketId).emit(event, payload),
    isIn: () => true,
    join: async (room) => io.in(socketId).socketsJoin(room),
    leave: async (room) => io.in(socketId).socketsLeave(room),
  };
}
