/**
 * ask_user: the agent needs a decision only the user can make. The question ends the run (status
 * `done`, reason `awaiting-user`, the question as its message); the user's answer starts the next
 * run of the same conversation, so nothing waits in memory and a broker restart loses nothing.
 */
import { z } from "zod";
import { defineTool } from "./tool-types.js";

export const ASK_USER_OUTPUT = "The question was shown to the user. This run ends now; their answer will arrive as the next user message.";

export const askUserTool = defineTool({
  name: "ask_user",
  description:
    "Ask the user a question when you cannot continue without their decision (a choice between approaches, missing information, permission for something risky). " +
    "Your run ends after this call; the answer arrives as the next user message. Ask one clear question; prefer deciding yourself when a sensible default exists.",
  inputSchema: z.object({
    question: z.string().trim().min(1).max(2_000).describe("The question, complete and self-contained"),
  }),
  async execute({ question }) {
    return { output: ASK_USER_OUTPUT, endRun: { question } };
  },
});
