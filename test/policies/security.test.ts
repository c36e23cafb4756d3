/** Security policies: a passing and a failing case each (see cases/security.ts). */
import { SECURITY_CASES } from "./cases/security";
import { describeCases } from "./util";

describeCases(SECURITY_CASES);
