import type { ReactElement } from "react";
import type { Me } from "@hoiso/shared";
import { givenName } from "../../names.js";

export function Greeting({ me }: { me: Me }): ReactElement {
  return (
    <section className="hs-greeting">
      <div className="hs-avatar" aria-hidden="true">
        {me.avatar ? <img src={me.avatar} alt="" /> : givenName(me.name).charAt(0).toUpperCase()}
      </div>
      <div>
        <p className="hs-greeting-hello">Chào chị {givenName(me.name)}!</p>
        <p className="hs-greeting-sub">Hội LHPN tỉnh Lào Cai luôn đồng hành cùng chị.</p>
      </div>
    </section>
  );
}
