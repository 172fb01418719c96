package org.councilchat.handoff;

/**
 * A photo a resident sent, as a message carries it: the stored JPEG's id and its size in pixels. The id is 256
 * random bits, so the resident's page can show the photo by it without a session; staff pages fetch it through a
 * route that checks the agent serves the chat's council.
 */
public record Photo(String id, int width, int height) {}
