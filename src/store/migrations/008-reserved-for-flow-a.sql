-- reserved: migration 008 belongs to the flow-a branch (issue 14 items 1-4); this placeholder keeps 009 contiguous on flow-b alone and is dropped when both merge
SELECT 1;
