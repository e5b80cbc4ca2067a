-- Reserved: migration 0009 belongs to issue 13's web sign-in (branch i13-web), which was not yet
-- merged when 0010 was written. The runner wants 1, 2, 3, … without a gap, so this empty file
-- holds the number; delete it when the real 0009 is merged.
SELECT 1;
