// Initiates replica set rs0 on first start and waits until it can take majority writes. Runs on every
// `docker compose up`: an already initiated set is left as it is.
//   mongosh --quiet "mongodb://mongo1:27017/?directConnection=true" init-replica-set.js

const config = {
  _id: 'rs0',
  members: [
    { _id: 0, host: 'mongo1:27017' },
    { _id: 1, host: 'mongo2:27017' },
    { _id: 2, host: 'mongo3:27017' },
  ],
};
const NOT_YET_INITIALIZED = 94;
const ALREADY_INITIALIZED = 23;
const PRIMARY = 1;
const SECONDARY = 2;
const WAIT_MS = 120000;

// mongosh throws on a command error ({ok: 0}); turn both shapes into one result. The result is assigned before it
// is returned: mongosh makes functions async, and a returned promise would reject outside this try.
function admin(command) {
  try {
    const result = db.adminCommand(command);
    return result;
  } catch (e) {
    return { ok: 0, code: e.code, codeName: e.codeName, errmsg: e.message };
  }
}

function fail(message) {
  print(message);
  quit(1);
}

function describe(result) {
  if (result.ok == 1) {
    return result.members.map((m) => `${m.name} ${m.stateStr}`).join(', ');
  }
  return `${result.codeName || result.code}: ${result.errmsg}`;
}

const status = admin({ replSetGetStatus: 1 });
if (status.ok == 1) {
  print(`Replica set ${status.set} already initiated`);
} else if (status.code === NOT_YET_INITIALIZED) {
  const result = admin({ replSetInitiate: config });
  if (result.ok != 1 && result.code !== ALREADY_INITIALIZED) {
    fail(`replSetInitiate failed: ${describe(result)}`);
  }
  print(`Initiated replica set ${config._id} with ${config.members.map((m) => m.host).join(', ')}`);
} else {
  fail(`replSetGetStatus failed: ${describe(status)}`);
}

// Majority writes need a primary and one more data-bearing member.
const deadline = Date.now() + WAIT_MS;
for (;;) {
  const current = admin({ replSetGetStatus: 1 });
  if (current.ok == 1) {
    const primary = current.members.find((m) => m.state === PRIMARY);
    const up = current.members.filter((m) => m.state === PRIMARY || m.state === SECONDARY).length;
    if (primary && up * 2 > current.members.length) {
      print(`Replica set ready: primary ${primary.name}, ${up} of ${current.members.length} members up`);
      quit(0);
    }
  }
  if (Date.now() > deadline) {
    fail(`Replica set not ready after ${WAIT_MS / 1000}s: ${describe(current)}`);
  }
  sleep(1000);
}
