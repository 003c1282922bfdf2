// The teacher closes the session to new students (after removing one, so they cannot come back
// under another name): a new phone is told why in its language; students already in are not
// affected; opening it again lets the next one in.
import { expect, test, type Browser } from "@playwright/test";
import { enterNickname, openPhone, teacherStartsSession } from "./helpers";

async function phone(browser: Browser, code: string, lang = "en") {
  const opened = await openPhone(browser);
  await opened.page.goto(`/s/${code}?lang=${lang}`);
  return opened;
}

test("closing the session to new students: refused with the reason, reopened, then in on a second try", async ({
  browser,
}) => {
  const errors: string[] = [];
  const { context, teacher: page, code } = await teacherStartsSession(browser, "seed-neuron", errors);
  const ana = await phone(browser, code);
  await enterNickname(ana.page, "Ana");

  const projector = await context.newPage();
  await projector.goto(`/t/${code}?view=projector`);
  await expect(projector.getByTestId("join-code")).toBeVisible();
  await expect(projector.getByTestId("joining-closed")).toHaveCount(0);

  const door = page.getByTestId("joining-open");
  await expect(door).toBeChecked();
  await door.uncheck();
  await expect(door).not.toBeChecked();
  // the big screen says so under the code, so nobody keeps typing it in vain
  await expect(projector.getByTestId("joining-closed")).toHaveText("Closed to new students");

  const bo = await phone(browser, code, "zh-CN");
  await bo.page.getByTestId("nickname-input").fill("小博");
  await bo.page.getByTestId("nickname-submit").click();
  // said on the nickname form, so the student can try again once the teacher opens it
  await expect(bo.page.getByTestId("nickname-form").getByRole("alert")).toContainText("老师已关闭这个课堂");

  // Ana reloads: she is in already, so she comes back
  await ana.page.reload();
  await expect(ana.page.getByTestId("student-name")).toContainText("Ana");
  await expect(page.getByTestId("roster-entry")).toHaveCount(1);

  await door.check();
  await expect(door).toBeChecked();
  await expect(projector.getByTestId("joining-closed")).toHaveCount(0);
  await bo.page.getByTestId("nickname-submit").click();
  await expect(bo.page.getByTestId("student-name")).toContainText("小博");
  await expect(page.getByTestId("roster-entry")).toHaveCount(2);
  for (const p of [ana, bo]) await p.context.close();
  await context.close();
  expect(errors).toEqual([]);
});
