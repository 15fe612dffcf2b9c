/** @codeyard/protocol — every socket event and HTTP body shared by the web app and the broker. */
export {};
