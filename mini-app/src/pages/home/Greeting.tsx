import type { ReactElement } from "react";
import type { Me } from "@hoiso/shared";
import { givenName } from "../../names.js";
import { useHomeT } from "./i18n/index.js";

export function Greeting({ me }: { me: Me }): ReactElement {
  const t = useHomeT();
  return (
    <section className="hs-greeting">
      <div className="hs-avatar" aria-hidden="true">
        {me.avatar ? <img src={me.avatar} alt="" /> : givenName(me.name).charAt(0).toUpperCase()}
      </div>
      <div>
        <p className="hs-greeting-hello">{t("greeting.hello", { name: givenName(me.name) })}</p>
        <p className="hs-greeting-sub">{t("greeting.sub")}</p>
      </div>
    </section>
  );
}
