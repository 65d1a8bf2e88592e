package dev.ec2migrator.monitor;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Hawtio 4's web application (Maven Central's hawtio-default war) in Jetty 12 ee10, on a free
 * loopback port, run by HawtioConsoleTest in a JVM of its own so that nothing of the service's JVM
 * is visible to Hawtio except through its proxy to the service's Jolokia.
 *
 * <p>Arguments: the war, the management port of the service. Besides /hawtio it serves
 * /connect/migrator, a page that stores a Hawtio connection to
 * http://127.0.0.1:&lt;port&gt;/observe/jolokia (where Hawtio's Connect plugin keeps its
 * connections: the browser's localStorage, key connect.connections) and opens the Hawtio view named
 * by its query string with that connection ({@code con=migrator}). Prints {@code hawtio <port>}
 * once it serves.
 */
public final class HawtioServer {
  private HawtioServer() {}

  public static void main(String[] args) throws Exception {
    String war = args[0];
    int jolokiaPort = Integer.parseInt(args[1]);

    Server server = new Server();
    ServerConnector connector = new ServerConnector(server);
    connector.setHost("127.0.0.1");
    connector.setPort(args.length > 2 ? Integer.parseInt(args[2]) : 0);
    server.addConnector(connector);

    WebAppContext hawtio = new WebAppContext();
    hawtio.setContextPath("/hawtio");
    hawtio.setWar(war);

    ServletContextHandler connect = new ServletContextHandler();
    connect.setContextPath("/connect");
    connect.addServlet(new ServletHolder(new ConnectPage(jolokiaPort)), "/migrator");

    server.setHandler(new ContextHandlerCollection(hawtio, connect));
    server.start();
    System.out.println("hawtio " + connector.getLocalPort());
    System.out.flush();
    server.join();
  }

  /**
   * Stores the connection in the browser, opens the Hawtio view in a same-origin frame, presses the
   * view's "Expand all" once its tree shows the text named by {@code ready}, and keeps a copy of
   * what the frame shows in {@code <pre id="seen">} (a DOM dump covers only the top page).
   */
  private static final class ConnectPage extends HttpServlet {
    private final int jolokiaPort;

    ConnectPage(int jolokiaPort) {
      this.jolokiaPort = jolokiaPort;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
        throws IOException {
      String view = request.getParameter("view");
      String ready = request.getParameter("ready");
      if (view == null || !view.matches("[a-z/]+") || ready == null || !ready.matches("[\\w.]+")) {
        response.sendError(400, "view: a Hawtio path such as jmx; ready: a word of its tree");
        return;
      }
      response.setContentType("text/html;charset=utf-8");
      response
          .getWriter()
          .write(
              "<!DOCTYPE html><body><pre id='seen'></pre><script>"
                  + "localStorage.setItem('connect.connections',JSON.stringify({migrator:"
                  + "{id:'migrator',name:'migrator',scheme:'http',host:'127.0.0.1',port:"
                  + jolokiaPort
                  + ",path:'/observe/jolokia'}}));"
                  + "const frame=document.createElement('iframe');"
                  + "frame.style='width:1400px;height:2000px';"
                  + "frame.src='/hawtio/"
                  + view
                  + "?con=migrator';"
                  + "document.body.appendChild(frame);"
                  + "let expanded=false;"
                  + "setInterval(()=>{const d=frame.contentDocument;if(!d||!d.body)return;"
                  + "const text=d.body.innerText;"
                  + "const expand=[...d.querySelectorAll('button')]"
                  + ".find(b=>b.textContent.trim()==='Expand all');"
                  + "if(!expanded&&expand&&text.includes('"
                  + ready
                  + "')){expand.click();expanded=true;}"
                  + "document.getElementById('seen').textContent=text;},250);"
                  + "</script></body>");
    }
  }
}
