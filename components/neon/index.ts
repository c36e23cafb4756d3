export * from "./client";
export * from "./validation";
export * from "./project";
export * from "./endpoint";
export * from "./database";
