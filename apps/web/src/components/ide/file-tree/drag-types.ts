export const TREE_DRAG_TYPE = "application/x-codeyard-path";
