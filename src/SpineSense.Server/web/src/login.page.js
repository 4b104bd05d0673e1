// Sign-in: the password goes to the server once, over POST; nothing is stored in the page.
import { api, $, showError } from "./common.js";

$("#login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  try {
    await api("/api/login", { json: { name: $("#name").value, password: $("#password").value } });
    const next = new URLSearchParams(location.search).get("next");
    location.href = next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
  } catch (err) { $("#password").value = ""; showError(err); }
});
