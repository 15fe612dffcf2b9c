/** The socket.io room of one user's connections (task and notification updates). */
export const userRoom = (userId: string) => `user:${userId}`;
