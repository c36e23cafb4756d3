/** Capacity policies: a passing and a failing case each (see cases/capacity.ts). */
import { CAPACITY_CASES } from "./cases/capacity";
import { describeCases } from "./util";

describeCases(CAPACITY_CASES);
